package org.govdx.exchange.data.preview;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.govdx.common.identity.CurrentCaller;

import java.util.UUID;

/** A few masked sample rows of a request under review, under the terms on the table. */
@Path("/api/exchange/requests/{requestId}/sample")
@Tag(name = "Governed data")
@Authenticated
public class SamplePreviewResource {

    @Inject
    SamplePreviewService samples;

    @Inject
    CurrentCaller caller;

    @GET
    @Blocking
    @Operation(summary = "Masked sample rows under the request's terms (provider CDO; requesting steward or CDO), while under review",
            description = "At most govdx.data.sample-rows (5) rows, masked as the proposed (or requested) terms say; never a FORBIDDEN or unrequested field. Audited as data.sample.")
    public Response sample(@PathParam("requestId") UUID requestId) {
        return Response.ok(samples.sample(caller.get(), requestId)).type("application/json").header("Cache-Control", "no-store").build();
    }
}
