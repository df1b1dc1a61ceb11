package org.govdx.audit.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.govdx.audit.repository.LogEntryQuery;
import org.govdx.audit.service.LogQueryService;
import org.govdx.common.identity.CurrentCaller;
import org.govdx.common.identity.Roles;
import org.govdx.common.problem.ProblemException;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

@Path("/api/audit/entries")
@Tag(name = "Log entries")
public class LogEntryResource {

    @Inject
    LogQueryService queries;

    @Inject
    CurrentCaller caller;

    @GET
    @RolesAllowed({Roles.AUDITOR, Roles.PLATFORM_ADMIN, Roles.CDO})
    @Operation(summary = "Search the audit log",
            description = "Auditors and the platform admin see every entry; a CDO sees entries about its department's data or by its department. "
                    + "Cursor pagination: pass the returned nextCursor as `cursor`.")
    public Uni<LogQueryService.Page> search(@QueryParam("from") String from, @QueryParam("to") String to,
                                            @QueryParam("actor") String actor, @QueryParam("actorDepartment") String actorDepartment,
                                            @QueryParam("ownerDepartment") String ownerDepartment, @QueryParam("dataset") String dataset,
                                            @QueryParam("agreement") String agreement, @QueryParam("action") String action,
                                            @QueryParam("outcome") String outcome, @QueryParam("cursor") String cursor,
                                            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        if (outcome != null && !outcome.equals("ALLOWED") && !outcome.equals("DENIED")) {
            throw ProblemException.invalidField("outcome", "must be ALLOWED or DENIED");
        }
        LogEntryQuery query = new LogEntryQuery(instant("from", from), instant("to", to), actor, actorDepartment, ownerDepartment,
                dataset, agreement, action, outcome, null, cursor(cursor), limit);
        return queries.search(caller.get(), query);
    }

    private static OffsetDateTime instant(String name, String value) {
        try {
            return value == null ? null : OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(name, "must be an ISO-8601 date-time with offset, e.g. 2026-01-31T00:00:00Z");
        }
    }

    private static Long cursor(String value) {
        try {
            return value == null ? null : Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField("cursor", "must be a cursor returned by a previous page");
        }
    }
}
