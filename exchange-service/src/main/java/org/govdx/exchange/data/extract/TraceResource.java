package org.govdx.exchange.data.extract;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.govdx.common.identity.CurrentCaller;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/** The provider's trace of a leaked EXTRACT copy (decision 0041). */
@Path("/api/exchange/datasets/{datasetId}/trace")
@Tag(name = "Governed data")
@Authenticated
public class TraceResource {

    @Inject
    TraceService traces;

    @Inject
    CurrentCaller caller;

    @POST
    @Blocking
    @Consumes({"text/csv", "application/x-ndjson", "application/ndjson", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Name the agreement(s) a leaked copy most likely came from",
            description = "Body: the leaked file or a sample of its rows (CSV with or without header, any column order, or NDJSON; the first "
                    + TraceService.MAX_ROWS + " rows are weighed). The owner department's steward or CDO only. Answers every EXTRACT agreement over "
                    + "the dataset with its score (share of the watermark evidence consistent with its keys) and the probability that a copy not "
                    + "made under it would look like this; attributedTo lists those at most the threshold (1e-6).")
    public Map<String, Object> trace(@PathParam("datasetId") UUID datasetId, InputStream body) {
        return traces.trace(caller.get(), datasetId, new InputStreamReader(body, StandardCharsets.UTF_8));
    }
}
