package org.govdx.audit.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.govdx.audit.domain.StoredCheckpoint;
import org.govdx.audit.service.AuditAccess;
import org.govdx.audit.service.CheckpointService;
import org.govdx.audit.service.LogKeys;
import org.govdx.audit.service.ProofService;
import org.govdx.audit.service.TileService;
import org.govdx.audit.service.VerificationService;
import org.govdx.common.identity.CurrentCaller;
import org.govdx.common.problem.ProblemException;
import org.govdx.tlog.StrictBase64;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The verifiable log: its key, signed checkpoints, proofs, the C2SP tlog-tiles view (this path is the log's
 * tiles prefix: {@code checkpoint}, {@code tile/<L>/<N>[.p/<W>]}, {@code tile/entries/<N>[.p/<W>]}), and the
 * server-side verification.
 */
@Path("/api/audit/log")
@Tag(name = "Verifiable log")
@Authenticated
public class LogResource {

    private static final String NOTE = "text/plain; charset=utf-8";

    @Inject
    LogKeys keys;

    @Inject
    CheckpointService checkpoints;

    @Inject
    ProofService proofs;

    @Inject
    TileService tiles;

    @Inject
    VerificationService verification;

    @Inject
    AuditAccess access;

    @Inject
    CurrentCaller caller;

    @GET
    @Path("/key")
    @PermitAll
    @Produces(NOTE)
    @Operation(summary = "The log's verifier key (C2SP signed-note vkey; public)",
            description = "Give it to the verifier with --vkey. Compare it with the key the platform publishes out of band.")
    public String key() {
        return keys.verifier().encode() + "\n";
    }

    @GET
    @Path("/checkpoint")
    @Produces(NOTE)
    @Operation(summary = "The latest signed checkpoint (auditor, platform-admin, cdo)",
            description = "A C2SP checkpoint: origin, tree size, base64 root hash, a `Timestamp:` line, blank line, Ed25519 signature line. "
                    + "Signed at least every second while the log grows.")
    public Uni<String> latestCheckpoint() {
        return access.verificationMaterial(caller.get(), "log.checkpoint", Map.of())
                .flatMap(grant -> checkpoints.latest())
                .flatMap(latest -> latest != null ? Uni.createFrom().item(latest) : checkpoints.checkpointNow())
                .map(StoredCheckpoint::note);
    }

    @POST
    @Path("/checkpoint")
    @Produces(NOTE)
    @Operation(summary = "Sign a checkpoint of the log as it is now, unless the latest already covers it (auditor, platform-admin)")
    public Uni<String> checkpointNow() {
        return access.auditorQuery(caller.get(), "log.checkpoint.sign", Map.of())
                .flatMap(grant -> checkpoints.checkpointNow())
                .map(StoredCheckpoint::note);
    }

    @GET
    @Path("/checkpoints/{size}")
    @Produces(NOTE)
    @Operation(summary = "The checkpoint signed at one tree size (auditor, platform-admin, cdo)")
    public Uni<String> checkpoint(@PathParam("size") long size) {
        return access.verificationMaterial(caller.get(), "log.checkpoint", Map.of("size", size))
                .flatMap(grant -> checkpoints.bySize(size))
                .map(found -> {
                    if (found == null) {
                        throw ProblemException.notFound("No checkpoint was signed at tree size " + size);
                    }
                    return found.note();
                });
    }

    public record CheckpointInfo(long treeSize, String rootHash, OffsetDateTime signedAt) {
    }

    @GET
    @Path("/checkpoints")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The signed checkpoints' sizes, smallest first, above `after` (auditor, platform-admin, cdo)")
    public Uni<List<CheckpointInfo>> checkpoints(@QueryParam("after") @DefaultValue("-1") long after,
                                                 @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return access.verificationMaterial(caller.get(), "log.checkpoints", Map.of("after", after))
                .flatMap(grant -> checkpoints.list(after, limit))
                .map(list -> list.stream()
                        .map(c -> new CheckpointInfo(c.treeSize(), StrictBase64.encode(c.rootHash()), c.createdAt()))
                        .toList());
    }

    @GET
    @Path("/proofs/inclusion")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Inclusion proof of an entry, by index or eventId (auditor, platform-admin; a cdo for entries it may read)",
            description = "RFC 9162 audit path against the tree of `treeSize` (default: the latest checkpoint, whose signed note is included). "
                    + "Hashes in canonical base64.")
    public Uni<ProofService.InclusionProof> inclusion(@QueryParam("index") String index, @QueryParam("eventId") String eventId,
                                                 @QueryParam("treeSize") String treeSize) {
        return proofs.inclusion(caller.get(), Params.number("index", index, 0), Params.uuid("eventId", eventId),
                Params.number("treeSize", treeSize, 1));
    }

    @GET
    @Path("/proofs/consistency")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Consistency proof between two tree sizes (auditor, platform-admin, cdo)",
            description = "RFC 9162 proof that the tree of size `from` is a prefix of the tree of size `to` (default: the latest checkpoint). "
                    + "The JSON answer is a valid --proof file for `govdx-audit-verifier.jar verify-consistency`.")
    public Uni<ProofService.ConsistencyProof> consistency(@QueryParam("from") String from, @QueryParam("to") String to) {
        Long size1 = Params.number("from", from, 0);
        if (size1 == null) {
            throw ProblemException.invalidField("from", "is required");
        }
        return proofs.consistency(caller.get(), size1, Params.number("to", to, 0));
    }

    @GET
    @Path("/tile/{path: .+}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(summary = "C2SP tlog-tiles: hash tiles (auditor, platform-admin, cdo) and entry bundles tile/entries/... (auditor, platform-admin)")
    public Uni<Response> tile(@PathParam("path") String path) {
        return tiles.tile(caller.get(), path).map(bytes -> Response.ok(bytes, MediaType.APPLICATION_OCTET_STREAM)
                .header("Cache-Control", path.contains(".p/") ? "private, no-cache" : "private, max-age=31536000, immutable")
                .build());
    }

    @GET
    @Path("/verify")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Recompute the whole tree from the stored entries and check it against a signed checkpoint (auditor, platform-admin)",
            description = "Names the first bad entry (edited, deleted, moved) if any. `treeSize` picks the checkpoint (default: the latest).")
    public Uni<VerificationService.Report> verify(@QueryParam("treeSize") String treeSize) {
        return verification.verify(caller.get(), Params.number("treeSize", treeSize, 0));
    }
}
