package org.govdx.audit.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
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
import org.govdx.audit.repository.SummaryRepository;
import org.govdx.audit.service.CreditService;
import org.govdx.audit.service.SummaryService;
import org.govdx.audit.service.SummaryService.Period;
import org.govdx.common.identity.CurrentCaller;

@Path("/api/audit")
@Tag(name = "Summaries and credits")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class SummaryResource {

    @Inject
    SummaryService summaries;

    @Inject
    CreditService credits;

    @Inject
    CurrentCaller caller;

    @GET
    @Path("/summaries/department-pairs")
    @Operation(summary = "Data accesses (data.*) per consumer/owner department pair per UTC day (auditor, platform-admin; cdo: its own department's)",
            description = "Window [from, to), by default the last 30 days.")
    public Uni<SummaryService.Summary<SummaryRepository.PairDay>> departmentPairs(@QueryParam("from") String from, @QueryParam("to") String to) {
        return summaries.departmentPairs(caller.get(), period(from, to));
    }

    @GET
    @Path("/summaries/denials")
    @Operation(summary = "Refused events per UTC day, and how many of them were data accesses (auditor, platform-admin; cdo: its own department's)")
    public Uni<SummaryService.Summary<SummaryRepository.DenialDay>> denials(@QueryParam("from") String from, @QueryParam("to") String to) {
        return summaries.denials(caller.get(), period(from, to));
    }

    @GET
    @Path("/summaries/top-datasets")
    @Operation(summary = "The most accessed datasets (auditor, platform-admin; cdo: its own department's)")
    public Uni<SummaryService.Summary<SummaryRepository.DatasetUse>> topDatasets(@QueryParam("from") String from, @QueryParam("to") String to,
                                                                                  @QueryParam("limit") @DefaultValue("10") @Min(1) @Max(100) int limit) {
        return summaries.topDatasets(caller.get(), period(from, to), limit);
    }

    @GET
    @Path("/credits")
    @Operation(summary = "Sharing credits league table (auditor, platform-admin: every department; cdo: its own line)",
            description = CreditService.FORMULA + ". Window [from, to), by default the last 30 days.")
    public Uni<CreditService.League> credits(@QueryParam("from") String from, @QueryParam("to") String to) {
        return credits.league(caller.get(), period(from, to));
    }

    private static Period period(String from, String to) {
        return Period.of(Params.instant("from", from), Params.instant("to", to));
    }
}
