package org.govdx.exchange.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.govdx.common.identity.CurrentCaller;
import org.govdx.common.problem.ProblemException;
import org.govdx.common.web.ETags;
import org.govdx.exchange.domain.AccessRequest;
import org.govdx.exchange.mapping.RequestMapper;
import org.govdx.exchange.review.RequestState;
import org.govdx.exchange.review.ReviewAction;
import org.govdx.exchange.review.TermsComparison;
import org.govdx.exchange.service.RequestService;

import java.util.List;
import java.util.UUID;

@Path("/api/exchange/requests")
@Tag(name = "Access requests")
@Authenticated
public class RequestResource {

    @Inject
    RequestService service;

    @Inject
    CurrentCaller caller;

    @Inject
    org.govdx.exchange.service.DisputeService disputes;

    @POST
    @Operation(summary = "Draft an access request (consumer steward or CDO)",
            description = "Checked against the catalog at once: the dataset and fields exist, none is FORBIDDEN, the mode fits the classes, "
                    + "the filter names only requested fields, the term is valid. A request for an OPEN dataset becomes an open-use registration.")
    @APIResponse(responseCode = "201", description = "Drafted")
    @APIResponse(responseCode = "422", description = "Breaks a sharing rule (problem+json lists each)")
    public Uni<Response> create(@Valid @NotNull RequestDraft draft) {
        return service.create(caller.get(), draft).map(r -> Response.status(201).entity(view(r)).tag(ETags.of(r.version))
                .location(java.net.URI.create("/api/exchange/requests/" + r.id)).build());
    }

    @GET
    @Operation(summary = "Requests of the caller's department (as consumer or provider); all for platform admins and auditors")
    public Uni<List<RequestMapper.RequestView>> list(@QueryParam("state") RequestState state,
                                                     @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        return service.list(caller.get(), state, limit).map(list -> list.stream().map(this::view).toList());
    }

    @GET
    @Path("/inbox")
    @Operation(summary = "What waits for the calling CDO (or platform admin), soonest due first; overdue steps are marked")
    public Uni<List<RequestMapper.RequestView>> inbox() {
        return service.inbox(caller.get()).map(list -> list.stream().map(this::view).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One request, with the steps the caller may take now")
    public Uni<Response> get(@PathParam("id") UUID id) {
        return service.get(caller.get(), id).map(r -> Response.ok(view(r)).tag(ETags.of(r.version)).build());
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Edit a draft (If-Match required)")
    public Uni<Response> update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @Valid @NotNull RequestDraft draft) {
        Integer expected = ETags.parseVersion(ifMatch);
        if (expected == null) {
            throw ProblemException.preconditionRequired("Send If-Match with the request's ETag");
        }
        return service.update(caller.get(), id, draft, expected).map(r -> Response.ok(view(r)).tag(ETags.of(r.version)).build());
    }

    @GET
    @Path("/{id}/history")
    @Operation(summary = "Every step: who, when, why")
    public Uni<List<RequestMapper.StepView>> history(@PathParam("id") UUID id) {
        return service.history(caller.get(), id).map(list -> list.stream().map(RequestMapper::toView).toList());
    }

    @GET
    @Path("/{id}/diff")
    @Operation(summary = "The provider's narrowed terms against the request")
    public Uni<List<TermsComparison.Difference>> diff(@PathParam("id") UUID id) {
        return service.diff(caller.get(), id);
    }

    @POST
    @Path("/{id}/disputes")
    @Operation(summary = "Ask the platform admin to coordinate a rejected request (consumer CDO)")
    public Uni<Response> raiseDispute(@PathParam("id") UUID id, @Valid @NotNull DisputeResource.RaiseDispute body) {
        return disputes.raise(caller.get(), id, body.statement())
                .map(d -> Response.status(201).entity(DisputeResource.DisputeView.of(d)).build());
    }

    @POST
    @Path("/{id}/{action}")
    @Operation(summary = "Take a step: submit, endorse, send-back, pass-conformity, fail-conformity, approve, approve-with-changes, "
            + "return-for-changes, reject, accept-changes, decline-changes, withdraw",
            description = "If-Match (the ETag you read) is required for every step but submit. A reason is required to send back, "
                    + "fail, return, reject, decline and approve with changes. Changes may only narrow.")
    public Uni<Response> act(@PathParam("id") UUID id,
                             @Parameter(description = "the step", example = "approve") @PathParam("action") String action,
                             @HeaderParam("If-Match") String ifMatch, @Valid Decision decision) {
        ReviewAction step = ReviewAction.bySlug(action);
        if (step == null) {
            throw ProblemException.notFound("No step '" + action + "'");
        }
        return service.act(caller.get(), id, step, ETags.parseVersion(ifMatch), decision)
                .map(r -> Response.ok(view(r)).tag(ETags.of(r.version)).build());
    }

    private RequestMapper.RequestView view(AccessRequest r) {
        return RequestMapper.toView(r, service.terms(r.requestedTerms), r.proposedTerms == null ? null : service.terms(r.proposedTerms),
                service.availableActions(caller.get(), r));
    }
}
