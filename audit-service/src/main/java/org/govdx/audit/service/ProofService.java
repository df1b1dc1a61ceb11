package org.govdx.audit.service;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.govdx.audit.domain.StoredCheckpoint;
import org.govdx.audit.repository.LogEntryRepository;
import org.govdx.audit.repository.LogEntryRepository.EntryRef;
import org.govdx.audit.repository.MerkleNodeRepository;
import org.govdx.audit.repository.PgHashStore;
import org.govdx.common.identity.Caller;
import org.govdx.common.problem.ProblemException;
import org.govdx.tlog.ProofGenerator;
import org.govdx.tlog.StrictBase64;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * RFC 9162 inclusion and consistency proofs served from merkle_node through {@link PgHashStore} (one query per
 * proof). Blocking: the resources call it on worker threads.
 */
@ApplicationScoped
public class ProofService {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    MerkleNodeRepository nodes;

    @Inject
    LogEntryRepository entries;

    @Inject
    CheckpointService checkpoints;

    @Inject
    AuditAccess access;

    private ProofGenerator proofs;

    @PostConstruct
    void init() {
        proofs = new ProofGenerator(nodes.hashStore());
    }

    /**
     * An inclusion proof. Hashes are canonical base64; {@code checkpoint} is the signed note of that tree size when
     * one was signed (it always is for the default size, the latest checkpoint).
     */
    public record InclusionProof(long index, UUID eventId, long treeSize, String leafHash, String rootHash, List<String> inclusionProof,
                                 String checkpoint) {
    }

    public record ConsistencyProof(long from, long to, String fromRootHash, String toRootHash, List<String> consistencyProof) {
    }

    /** The proof of the entry at {@code index} or with {@code eventId} in the tree of {@code treeSize} (default: the latest checkpoint). */
    public InclusionProof inclusion(Caller caller, Long index, UUID eventId, Long treeSize) {
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("index", index);
        filters.put("eventId", eventId);
        filters.put("treeSize", treeSize);
        AuditAccess.Grant grant = access.verificationMaterial(caller, "proofs.inclusion", filters).await().atMost(TIMEOUT);
        if ((index == null) == (eventId == null)) {
            throw ProblemException.invalidField("index", "give either index or eventId");
        }
        EntryRef entry = (index != null ? entries.byIndex(index) : entries.byEventId(eventId)).await().atMost(TIMEOUT);
        if (entry == null || !grant.sees(entry.ownerDepartment(), entry.actorDepartment())) {
            throw ProblemException.notFound("No such log entry");
        }
        StoredCheckpoint checkpoint;
        long size;
        if (treeSize == null) {
            checkpoint = checkpoints.latest().await().atMost(TIMEOUT);
            if (checkpoint == null || checkpoint.treeSize() <= entry.index()) {
                checkpoint = checkpoints.checkpointNow().await().atMost(TIMEOUT);
            }
            size = checkpoint.treeSize();
            if (size <= entry.index()) {
                throw ProblemException.conflict("The entry is not covered by a checkpoint yet; try again in a second");
            }
        } else {
            size = treeSize;
            requireTreeSize("treeSize", size, entry.index() + 1);
            checkpoint = checkpoints.bySize(size).await().atMost(TIMEOUT);
        }
        List<byte[]> proof = proofs.inclusionProof(entry.index(), size);
        byte[] root = checkpoint != null ? checkpoint.rootHash() : proofs.rootHash(size);
        return new InclusionProof(entry.index(), entry.eventId(), size, StrictBase64.encode(entry.leafHash()), StrictBase64.encode(root),
                proof.stream().map(StrictBase64::encode).toList(), checkpoint == null ? null : checkpoint.note());
    }

    /** The proof that the tree of size {@code from} is a prefix of the tree of size {@code to} (default: the latest checkpoint). */
    public ConsistencyProof consistency(Caller caller, long from, Long to) {
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("from", from);
        filters.put("to", to);
        access.verificationMaterial(caller, "proofs.consistency", filters).await().atMost(TIMEOUT);
        long size2;
        if (to == null) {
            StoredCheckpoint latest = checkpoints.checkpointNow().await().atMost(TIMEOUT);
            size2 = latest.treeSize();
        } else {
            size2 = to;
            requireTreeSize("to", size2, 0);
        }
        if (from < 0 || from > size2) {
            throw ProblemException.invalidField("from", "must be between 0 and " + size2);
        }
        List<byte[]> proof = from == 0 ? List.of() : proofs.consistencyProof(from, size2);
        return new ConsistencyProof(from, size2, StrictBase64.encode(proofs.rootHash(from)), StrictBase64.encode(proofs.rootHash(size2)),
                proof.stream().map(StrictBase64::encode).toList());
    }

    private void requireTreeSize(String field, long size, long atLeast) {
        long logSize = entries.size().await().atMost(TIMEOUT);
        if (size < atLeast || size > logSize) {
            throw ProblemException.invalidField(field, "must be between " + atLeast + " and the log size " + logSize);
        }
    }
}
