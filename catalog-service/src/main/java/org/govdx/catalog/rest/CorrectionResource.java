package org.govdx.catalog.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.govdx.catalog.domain.CorrectionStatus;
import org.govdx.catalog.mapping.CorrectionMapper;
import org.govdx.catalog.service.CorrectionService;
import org.govdx.catalog.service.Cursors;
import org.govdx.common.identity.CurrentCaller;
import org.govdx.common.problem.ProblemException;
import org.govdx.common.web.ETags;

import java.util.UUID;

@Path("/api/catalog/corrections")
@Tag(name = "Corrections", description = "Reports of wrong values and the providers' answers (DOMAIN rule 12)")
@Authenticated
public class CorrectionResource {

    @Inject
    CorrectionService service;

    @Inject
    CurrentCaller caller;

    @GET
    @Operation(summary = "Correction reports you may see",
            description = "Those your department reported or must answer (all of them for the platform admin and auditors), newest first, paged; "
                    + "filter by dataset and status. Report a wrong value with POST /api/catalog/datasets/{id}/corrections.")
    @APIResponse(responseCode = "200", description = "A page of reports", content = @Content(mediaType = "application/json",
            schema = @Schema(type = SchemaType.ARRAY, implementation = CorrectionDto.class), examples = @ExampleObject(name = "reports", value = Examples.CORRECTIONS)))
    @APIResponse(responseCode = "400", description = "Bad parameter", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "bad", value = Examples.PROBLEM_400)))
    public Uni<Response> list(@Parameter(description = "Only this dataset's reports") @QueryParam("datasetId") String datasetId,
                              @Parameter(description = "OPEN, ACCEPTED or REJECTED") @QueryParam("status") String status,
                              @QueryParam("cursor") String cursor,
                              @Parameter(description = "1 to 200, default 50") @QueryParam("limit") Integer limit, @Context UriInfo uri) {
        UUID dataset = null;
        if (datasetId != null && !datasetId.isBlank()) {
            try {
                dataset = UUID.fromString(datasetId.strip());
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField("datasetId", "a dataset id (UUID)");
            }
        }
        return service.list(caller.get(), dataset, Params.enumValue(CorrectionStatus.class, "status", status), cursor, Cursors.limit(limit, 50, 200))
                .map(page -> Links.page(Response.ok(page.items().stream().map(CorrectionMapper::toDto).toList()), uri, page.nextCursor()).build());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One correction report", description = "The reporting and the providing department, the platform admin and auditors.")
    @APIResponse(responseCode = "200", description = "The report", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = CorrectionDto.class), examples = @ExampleObject(name = "open", value = Examples.CORRECTION)))
    @APIResponse(responseCode = "404", description = "No such report, or not yours", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "missing", value = Examples.PROBLEM_404)))
    public Uni<Response> get(@PathParam("id") UUID id) {
        return service.get(caller.get(), id).map(c -> Response.ok(CorrectionMapper.toDto(c)).tag(ETags.of(c.lockVersion)).build());
    }

    @POST
    @Path("/{id}/answer")
    @Operation(summary = "Answer a report (steward or CDO of the providing department)",
            description = "ACCEPTED (the value was corrected) or REJECTED with a reason; once. If-Match optional.")
    @RequestBody(content = @Content(mediaType = "application/json", schema = @Schema(implementation = ActionRequests.Answer.class),
            examples = @ExampleObject(name = "rejected", value = Examples.CORRECTION_ANSWER)))
    @APIResponse(responseCode = "200", description = "The answered report", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = CorrectionDto.class), examples = @ExampleObject(name = "answered", value = Examples.CORRECTION)))
    @APIResponse(responseCode = "400", description = "A rejection without a reason", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "bad", value = Examples.PROBLEM_400)))
    @APIResponse(responseCode = "403", description = "Not the provider", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "forbidden", value = Examples.PROBLEM_403)))
    @APIResponse(responseCode = "409", description = "Already answered", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "answered", value = Examples.PROBLEM_409)))
    @APIResponse(responseCode = "412", description = "Stale If-Match", content = @Content(mediaType = Examples.PROBLEM, examples = @ExampleObject(name = "stale", value = Examples.PROBLEM_412)))
    public Uni<Response> answer(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @Valid @NotNull ActionRequests.Answer body) {
        return service.answer(caller.get(), id, ifMatch, body.outcome(), body.reason())
                .map(c -> Response.ok(CorrectionMapper.toDto(c)).tag(ETags.of(c.lockVersion)).build());
    }
}
