package org.govdx.exchange.rest;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.govdx.common.identity.CurrentCaller;
import org.govdx.common.identity.Roles;
import org.govdx.exchange.service.KeyService;

import java.util.List;
import java.util.Map;

@Path("/api/exchange")
@Tag(name = "Signing keys")
public class KeyResource {

    @Inject
    KeyService keys;

    @Inject
    CurrentCaller caller;

    @GET
    @Path("/.well-known/jwks.json")
    @PermitAll
    @Produces("application/jwk-set+json")
    @Operation(summary = "Every department's agreement-signing public keys, current and retired (JWKS, RFC 7517)",
            description = "Public: anyone verifies an agreement offline with these keys alone.")
    @WithSession
    public Uni<Map<String, List<Map<String, String>>>> jwks() {
        return keys.jwks().map(list -> Map.of("keys", list));
    }

    @POST
    @Path("/keys/{department}/rotate")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "Rotate a department's signing key (platform admin); the old public key stays published")
    @WithTransaction
    public Uni<Map<String, String>> rotate(@PathParam("department") String department) {
        return keys.rotate(caller.get(), department).map(k -> Map.of("kid", k.kid, "department", k.department));
    }
}
