package org.govdx.exchange.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.validation.Valid;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.govdx.common.identity.CurrentCaller;
import org.govdx.common.problem.ProblemException;
import org.govdx.common.web.ETags;
import org.govdx.exchange.domain.AgreementState;
import org.govdx.exchange.mapping.RequestMapper;
import org.govdx.exchange.service.AgreementService;

import java.util.List;
import java.util.UUID;

@Path("/api/exchange/agreements")
@Tag(name = "Agreements")
@Authenticated
public class AgreementResource {

    @Inject
    AgreementService agreements;

    @Inject
    CurrentCaller caller;

    public record StateChange(@NotBlank @Size(max = 2000) String reason) {
    }

    @GET
    @Operation(summary = "Agreements and open-use grants of the caller's department; all for platform admins and auditors")
    public Uni<List<RequestMapper.AgreementView>> list(@QueryParam("state") AgreementState state,
                                                       @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        return agreements.list(caller.get(), state, limit).map(list -> list.stream().map(RequestMapper::toView).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One agreement: state, canonical document, content hash and both CDOs' JWS signatures")
    public Uni<Response> get(@PathParam("id") UUID id) {
        return agreements.get(caller.get(), id).map(a -> Response.ok(RequestMapper.toView(a)).tag(ETags.of(a.version)).build());
    }

    @GET
    @Path("/{id}/document")
    @Produces("application/json")
    @Operation(summary = "The signed bytes: the RFC 8785 canonical JSON document, exactly as both CDOs signed it")
    public Uni<Response> document(@PathParam("id") UUID id) {
        return agreements.get(caller.get(), id).map(a -> Response.ok(a.document).header("Digest", "sha-256=" + a.contentHash).build());
    }

    @POST
    @Path("/{id}/suspend")
    @Operation(summary = "Suspend (provider CDO, reason): data calls stop at once")
    public Uni<Response> suspend(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @Valid @NotNull StateChange body) {
        return change(id, AgreementState.SUSPENDED, body, ifMatch);
    }

    @POST
    @Path("/{id}/resume")
    @Operation(summary = "Resume a suspended agreement (provider CDO, reason)")
    public Uni<Response> resume(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @Valid @NotNull StateChange body) {
        return change(id, AgreementState.ACTIVE, body, ifMatch);
    }

    @POST
    @Path("/{id}/revoke")
    @Operation(summary = "Revoke for good (provider CDO, reason)")
    public Uni<Response> revoke(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @Valid @NotNull StateChange body) {
        return change(id, AgreementState.REVOKED, body, ifMatch);
    }

    private Uni<Response> change(UUID id, AgreementState target, StateChange body, String ifMatch) {
        if (body == null) {
            throw ProblemException.invalidField("reason", "required");
        }
        return agreements.changeState(caller.get(), id, target, body.reason(), ETags.parseVersion(ifMatch))
                .map(a -> Response.ok(RequestMapper.toView(a)).tag(ETags.of(a.version)).build());
    }
}
