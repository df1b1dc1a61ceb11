package org.govdx.audit.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.govdx.audit.domain.IngestResult;
import org.govdx.audit.service.LogIngestService;
import org.govdx.common.identity.Roles;

import java.util.List;

@Path("/api/audit/ingest")
@Tag(name = "Ingest")
public class IngestResource {

    @Inject
    LogIngestService ingest;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SERVICE)
    @Operation(summary = "Append a batch of audit events (outbox relays only)",
            description = "Idempotent by eventId: an event already logged is counted as a duplicate and not logged again. "
                    + "Answers only after the batch has committed. While the log's queue is full it answers 503 with Retry-After "
                    + "at once (nothing logged; send the batch again after that many seconds).")
    public Uni<IngestResult> ingest(@NotNull @Size(max = 5000) List<JsonNode> events) {
        return ingest.ingest(events);
    }
}
