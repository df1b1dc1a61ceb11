package org.govdx.exchange.data.proxy;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.govdx.common.identity.CurrentCaller;

import java.util.UUID;

/** The provider endpoint of a PROXIED dataset version (owner steward or CDO); the credential goes in and never comes out. */
@Path("/api/exchange/datasets/{datasetId}/versions/{version}/proxy")
@Tag(name = "Proxied data")
@Authenticated
public class ProxyEndpointResource {

    @Inject
    ProxyEndpointService service;

    @Inject
    CurrentCaller caller;

    @PUT
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register the provider's endpoint and its credential (owner department's steward or CDO)",
            description = "Body: endpoint (http(s) URL answering GET with a JSON array of rows, or {rows: [...]}), auth {scheme: NONE | BEARER (token) | "
                    + "BASIC (username, password) | API_KEY (header, value)}. The credential is sealed under the master key and never returned.")
    public ProxyRegistration register(@PathParam("datasetId") UUID datasetId, @PathParam("version") int version, ProxyRegistration.Input input) {
        return service.register(caller.get(), datasetId, version, input);
    }

    @GET
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "What is registered (owner department, platform admins, auditors): endpoint and scheme, never the credential")
    public ProxyRegistration get(@PathParam("datasetId") UUID datasetId, @PathParam("version") int version) {
        return service.get(caller.get(), datasetId, version);
    }
}
