package org.govdx.exchange.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.govdx.common.identity.CurrentCaller;
import org.govdx.exchange.domain.Dispute;
import org.govdx.exchange.service.DisputeService;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@Path("/api/exchange/disputes")
@Tag(name = "Disputes")
@Authenticated
public class DisputeResource {

    @Inject
    DisputeService disputes;

    @Inject
    CurrentCaller caller;

    public record RaiseDispute(@NotBlank @Size(max = 4000) String statement) {
    }

    public record CloseDispute(@NotNull Dispute.Outcome outcome, @NotBlank @Size(max = 4000) String resolution) {
    }

    public record DisputeView(UUID id, UUID requestId, String consumerDepartment, String providerDepartment, String raisedBy,
                              String statement, String state, Dispute.Outcome outcome, String resolution, String closedBy,
                              OffsetDateTime createdAt, OffsetDateTime closedAt) {
        public static DisputeView of(Dispute d) {
            return new DisputeView(d.id, d.requestId, d.consumerDepartment, d.providerDepartment, d.raisedBy, d.statement, d.state,
                    d.outcome, d.resolution, d.closedBy, d.createdAt, d.closedAt);
        }
    }

    @GET
    @Operation(summary = "Disputes of the caller's department; all for the platform admin")
    public Uni<List<DisputeView>> list() {
        return disputes.list(caller.get()).map(list -> list.stream().map(DisputeView::of).toList());
    }

    @POST
    @Path("/{id}/close")
    @Operation(summary = "Close a dispute with a recorded outcome (platform admin)")
    public Uni<DisputeView> close(@PathParam("id") UUID id, @Valid @NotNull CloseDispute body) {
        return disputes.close(caller.get(), id, body.outcome(), body.resolution()).map(DisputeView::of);
    }
}
