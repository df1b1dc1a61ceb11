package org.govdx.audit.rest;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.govdx.audit.repository.LogEntryQuery;
import org.govdx.audit.service.ExportService;
import org.govdx.audit.service.LogQueryService;
import org.govdx.common.identity.CurrentCaller;
import org.jboss.resteasy.reactive.RestMulti;

@Path("/api/audit/entries")
@Tag(name = "Log entries")
@Authenticated
public class LogEntryResource {

    @Inject
    LogQueryService queries;

    @Inject
    ExportService exports;

    @Inject
    CurrentCaller caller;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Search the audit log (auditor, platform-admin, cdo)",
            description = "Auditors and the platform admin see every entry; a CDO sees entries about its department's data or by its department. "
                    + "Cursor pagination: pass the returned nextCursor as `cursor`. The query is itself logged (audit.queried).")
    public Uni<LogQueryService.Page> search(@QueryParam("from") String from, @QueryParam("to") String to,
                                            @QueryParam("actor") String actor, @QueryParam("actorDepartment") String actorDepartment,
                                            @QueryParam("ownerDepartment") String ownerDepartment, @QueryParam("dataset") String dataset,
                                            @QueryParam("agreement") String agreement, @QueryParam("action") String action,
                                            @QueryParam("outcome") String outcome, @QueryParam("cursor") String cursor,
                                            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        LogEntryQuery query = new LogEntryQuery(Params.instant("from", from), Params.instant("to", to), actor, actorDepartment, ownerDepartment,
                dataset, agreement, action, Params.outcome(outcome), null, Params.cursor(cursor), limit);
        return queries.search(caller.get(), query);
    }

    @GET
    @Path("/export")
    @Produces(MediaType.APPLICATION_OCTET_STREAM) // the actual type (text/csv, application/x-ndjson, application/zip) is set per format
    @Operation(summary = "Export the entries a filter matches, streamed (auditor, platform-admin, cdo)",
            description = "format=csv: one row per entry (the last column is the canonical entry text). format=ndjson: "
                    + "{\"index\",\"entry\"} per line. format=ndjson-proofs: a zip of `checkpoint` (signed note), `entries.ndjson` "
                    + "(lines with inclusionProof in that checkpoint's tree: the input of govdx-audit-verifier.jar), `log.vkey` and "
                    + "`README.txt`; `treeSize` picks a signed checkpoint (default: the latest, signed now if the log grew). "
                    + "Same filters and scoping as the search; the export is itself logged (audit.queried).")
    public RestMulti<Buffer> export(@QueryParam("format") @DefaultValue("ndjson") String format,
                                    @QueryParam("from") String from, @QueryParam("to") String to,
                                    @QueryParam("actor") String actor, @QueryParam("actorDepartment") String actorDepartment,
                                    @QueryParam("ownerDepartment") String ownerDepartment, @QueryParam("dataset") String dataset,
                                    @QueryParam("agreement") String agreement, @QueryParam("action") String action,
                                    @QueryParam("outcome") String outcome, @QueryParam("treeSize") String treeSize) {
        LogEntryQuery query = new LogEntryQuery(Params.instant("from", from), Params.instant("to", to), actor, actorDepartment, ownerDepartment,
                dataset, agreement, action, Params.outcome(outcome), null, null, 0);
        Long size = Params.number("treeSize", treeSize, 0);
        return RestMulti.fromUniResponse(exports.export(caller.get(), query, format, size), ExportService.Export::body,
                ExportService.Export::headers);
    }
}
