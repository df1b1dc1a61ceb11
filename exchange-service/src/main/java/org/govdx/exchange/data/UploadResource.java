package org.govdx.exchange.data;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.govdx.common.identity.CurrentCaller;
import org.govdx.common.problem.ProblemException;

import java.io.InputStream;
import java.net.URI;
import java.util.UUID;

/** Hosted data upload: the owner department's steward or system sends the rows of a dataset version (DOMAIN rules 9, 10). */
@Path("/api/exchange/datasets/{datasetId}/versions/{version}")
@Tag(name = "Hosted data")
@Authenticated
public class UploadResource {

    @Inject
    UploadService uploads;

    @Inject
    CurrentCaller caller;

    @POST
    @Path("/rows")
    @Blocking
    @Consumes({"application/x-ndjson", "application/ndjson", "text/csv"})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload rows (owner steward or system): NDJSON or CSV, gzip accepted, mode replace|append, atomic by default",
            description = "Each row is checked against the catalog schema (field names, required, types) and the data elements' validators. "
                    + "atomic=true (default): one bad row stores nothing (422 with the report); atomic=false stores the valid rows. Bad rows are "
                    + "reported by row number, field and reason, never by value. On success the quality figures go to the catalog.")
    public Response upload(@PathParam("datasetId") UUID datasetId, @PathParam("version") int version,
                           @QueryParam("mode") @DefaultValue("replace") String mode, @QueryParam("atomic") @DefaultValue("true") boolean atomic,
                           @HeaderParam("Content-Type") String contentType, @HeaderParam("Content-Encoding") String contentEncoding,
                           InputStream body) {
        UploadService.Mode m = switch (mode.toLowerCase()) {
            case "replace" -> UploadService.Mode.REPLACE;
            case "append" -> UploadService.Mode.APPEND;
            default -> throw ProblemException.invalidField("mode", "replace or append");
        };
        String type = contentType == null ? "" : contentType.toLowerCase();
        UploadService.Format format = type.startsWith("text/csv") ? UploadService.Format.CSV : UploadService.Format.NDJSON;
        boolean gzip = false;
        if (contentEncoding != null && !contentEncoding.isBlank() && !contentEncoding.equalsIgnoreCase("identity")) {
            if (!contentEncoding.trim().equalsIgnoreCase("gzip")) {
                throw new ProblemException(415, "unsupported-encoding", "Unsupported content encoding", "Only gzip is accepted");
            }
            gzip = true;
        }
        UploadService.UploadReport report = uploads.upload(caller.get(), datasetId, version, format, m, atomic, gzip, body);
        URI location = URI.create("/api/exchange/datasets/" + datasetId + "/versions/" + version + "/uploads/" + report.id());
        int status = "COMPLETED".equals(report.state()) ? 201 : 422;
        return Response.status(status).location(location).entity(report).build();
    }

    @GET
    @Path("/uploads/{uploadId}")
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "An upload's progress and report (owner department, platform admins, auditors)")
    public UploadService.UploadReport get(@PathParam("datasetId") UUID datasetId, @PathParam("version") int version, @PathParam("uploadId") UUID uploadId) {
        return uploads.get(caller.get(), datasetId, version, uploadId);
    }
}
