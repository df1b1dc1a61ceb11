package org.govdx.audit.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.govdx.audit.domain.PrefetchedNodes;
import org.govdx.audit.domain.StoredCheckpoint;
import org.govdx.audit.repository.LogEntryRepository;
import org.govdx.audit.repository.LogEntryRepository.EntryRef;
import org.govdx.audit.repository.MerkleNodeRepository;
import org.govdx.common.identity.Caller;
import org.govdx.common.problem.ProblemException;
import org.govdx.tlog.NodeId;
import org.govdx.tlog.ProofElement;
import org.govdx.tlog.ProofGenerator;
import org.govdx.tlog.StrictBase64;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * RFC 9162 inclusion and consistency proofs. Every node a request needs (the proof's, and the root's when no
 * checkpoint was signed at that size) is read from merkle_node in one query, the same query
 * {@link org.govdx.audit.repository.PgHashStore#nodeHashes} makes, and {@link ProofGenerator} then works on those
 * nodes ({@link PrefetchedNodes}); non-blocking, so a proof costs two database round trips whatever the log's size.
 */
@ApplicationScoped
public class ProofService {

    @Inject
    MerkleNodeRepository nodes;

    @Inject
    LogEntryRepository entries;

    @Inject
    CheckpointService checkpoints;

    @Inject
    AuditAccess access;

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
    public Uni<InclusionProof> inclusion(Caller caller, Long index, UUID eventId, Long treeSize) {
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("index", index);
        filters.put("eventId", eventId);
        filters.put("treeSize", treeSize);
        return access.verificationMaterial(caller, "proofs.inclusion", filters).flatMap(grant -> {
            if ((index == null) == (eventId == null)) {
                throw ProblemException.invalidField("index", "give either index or eventId");
            }
            Uni<EntryRef> entry = (index != null ? entries.byIndex(index) : entries.byEventId(eventId)).map(ref -> {
                if (ref == null || !grant.sees(ref.ownerDepartment(), ref.actorDepartment())) {
                    throw ProblemException.notFound("No such log entry");
                }
                return ref;
            });
            StoredCheckpoint known = checkpoints.latestKnown();
            if (index != null && treeSize == null && known != null && known.treeSize() > index) {
                // the common case, in one round trip: the entry and the proof's nodes read at the same time
                Target tree = new Target(known.treeSize(), known);
                return Uni.combine().all().unis(entry, fetch(ProofGenerator.inclusionProofNodes(index, tree.size()), List.of())).asTuple()
                        .map(both -> proof(both.getItem1(), tree, both.getItem2()));
            }
            Uni<Target> target = treeSize == null ? latestTarget() : requestedTarget("treeSize", treeSize, 1);
            return Uni.combine().all().unis(entry, target).asTuple().flatMap(both -> {
                EntryRef ref = both.getItem1();
                Target tree = both.getItem2();
                if (treeSize == null && tree.size() <= ref.index()) {
                    // the entry is newer than the latest checkpoint: sign one now
                    return checkpoints.checkpointNow().map(c -> new Target(c.treeSize(), c))
                            .flatMap(now -> prove(ref, now));
                }
                if (tree.size() <= ref.index()) {
                    throw ProblemException.invalidField("treeSize", "must be greater than the entry's index " + ref.index());
                }
                return prove(ref, tree);
            });
        });
    }

    private Uni<InclusionProof> prove(EntryRef ref, Target tree) {
        if (tree.size() <= ref.index()) {
            throw ProblemException.conflict("The entry is not covered by a checkpoint yet; try again in a second");
        }
        List<ProofElement> path = ProofGenerator.inclusionProofNodes(ref.index(), tree.size());
        return fetch(path, tree.checkpoint() == null ? List.of(tree.size()) : List.of()).map(store -> proof(ref, tree, store));
    }

    private static InclusionProof proof(EntryRef ref, Target tree, PrefetchedNodes store) {
        ProofGenerator proofs = new ProofGenerator(store);
        List<byte[]> proof = proofs.inclusionProof(ref.index(), tree.size());
        byte[] root = tree.checkpoint() != null ? tree.checkpoint().rootHash() : proofs.rootHash(tree.size());
        return new InclusionProof(ref.index(), ref.eventId(), tree.size(), StrictBase64.encode(ref.leafHash()), StrictBase64.encode(root),
                proof.stream().map(StrictBase64::encode).toList(), tree.checkpoint() == null ? null : tree.checkpoint().note());
    }

    /** The proof that the tree of size {@code from} is a prefix of the tree of size {@code to} (default: the latest checkpoint). */
    public Uni<ConsistencyProof> consistency(Caller caller, long from, Long to) {
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("from", from);
        filters.put("to", to);
        return access.verificationMaterial(caller, "proofs.consistency", filters)
                .flatMap(grant -> to == null ? checkpoints.checkpointNow().map(c -> c.treeSize()) : requestedTarget("to", to, 0).map(Target::size))
                .flatMap(size2 -> {
                    if (from < 0 || from > size2) {
                        throw ProblemException.invalidField("from", "must be between 0 and " + size2);
                    }
                    List<ProofElement> proofNodes = from == 0 ? List.of() : ProofGenerator.consistencyProofNodes(from, size2);
                    return fetch(proofNodes, List.of(from, size2)).map(store -> {
                        ProofGenerator proofs = new ProofGenerator(store);
                        List<byte[]> proof = from == 0 ? List.of() : proofs.consistencyProof(from, size2);
                        return new ConsistencyProof(from, size2, StrictBase64.encode(proofs.rootHash(from)), StrictBase64.encode(proofs.rootHash(size2)),
                                proof.stream().map(StrictBase64::encode).toList());
                    });
                });
    }

    /** A tree size to prove against, with the checkpoint signed at that size if there is one. */
    private record Target(long size, StoredCheckpoint checkpoint) {
    }

    private Uni<Target> latestTarget() {
        return checkpoints.latest().flatMap(latest -> latest != null ? Uni.createFrom().item(latest) : checkpoints.checkpointNow())
                .map(c -> new Target(c.treeSize(), c));
    }

    private Uni<Target> requestedTarget(String field, long size, long atLeast) {
        return Uni.combine().all().unis(entries.size(), checkpoints.bySize(size)).asTuple().map(both -> {
            long logSize = both.getItem1();
            if (size < atLeast || size > logSize) {
                throw ProblemException.invalidField(field, "must be between " + atLeast + " and the log size " + logSize);
            }
            return new Target(size, both.getItem2());
        });
    }

    /** Reads, in one query, the nodes of the proof elements and those that give the roots of {@code rootSizes}. */
    private Uni<PrefetchedNodes> fetch(List<ProofElement> elements, List<Long> rootSizes) {
        LinkedHashSet<NodeId> wanted = new LinkedHashSet<>();
        for (ProofElement element : elements) {
            wanted.addAll(element.fullSubtrees());
        }
        for (long size : rootSizes) {
            wanted.addAll(NodeId.fullSubtrees(0, size));
        }
        List<NodeId> list = new ArrayList<>(wanted);
        return nodes.nodeHashes(list).map(hashes -> new PrefetchedNodes(list, hashes));
    }
}
