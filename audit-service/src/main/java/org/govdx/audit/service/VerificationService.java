package org.govdx.audit.service;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.govdx.audit.domain.LogState;
import org.govdx.audit.domain.PrefetchedNodes;
import org.govdx.audit.domain.StoredCheckpoint;
import org.govdx.audit.repository.LogEntryQuery;
import org.govdx.audit.repository.LogEntryRepository;
import org.govdx.audit.repository.LogWriteRepository;
import org.govdx.audit.repository.MerkleNodeRepository;
import org.govdx.common.identity.Caller;
import org.govdx.common.problem.ProblemException;
import org.govdx.tlog.Checkpoint;
import org.govdx.tlog.CompactRange;
import org.govdx.tlog.MerkleHashes;
import org.govdx.tlog.NodeId;
import org.govdx.tlog.ProofElement;
import org.govdx.tlog.ProofGenerator;
import org.govdx.tlog.ProofVerifier;
import org.govdx.tlog.StrictBase64;
import org.govdx.tlog.VerificationException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/audit/log/verify}: recomputes the whole tree from the stored entries and checks it against a
 * signed checkpoint (the latest, or the one of {@code treeSize}), trusting only the log's key. Pass 1 streams every
 * entry in index order and checks that the indices have no gap, that each entry's text hashes to the leaf that was
 * committed (the leaf_hash column and the stored level-0 node), and that the recomputed root equals the signed one.
 * The first anomaly names the first bad entry; whether that entry itself was altered is then settled by its
 * inclusion proof against the signed root. If everything looks locally consistent but the root differs (the
 * stored tree was rewritten along with the entries), pass 2 checks every entry's inclusion proof against the
 * signed root and names the first that fails.
 */
@ApplicationScoped
public class VerificationService {

    private static final int CHUNK = 1000;

    @Inject
    Pool pool;

    @Inject
    LogEntryRepository entries;

    @Inject
    LogWriteRepository state;

    @Inject
    MerkleNodeRepository nodes;

    @Inject
    CheckpointService checkpoints;

    @Inject
    LogKeys keys;

    @Inject
    AuditAccess access;

    /**
     * The outcome. {@code firstBadIndex} is the first log position whose entry is not what the log committed
     * (edited, deleted, moved or inserted), or null.
     */
    public record Report(boolean ok, long logSize, long checkpointSize, String checkpointRootHash, String checkpointNote,
                         long entriesChecked, Long firstBadIndex, String problem) {
    }

    public Uni<Report> verify(Caller caller, Long treeSize) {
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("treeSize", treeSize);
        return access.auditorQuery(caller, "log.verify", filters)
                .flatMap(grant -> treeSize == null ? checkpoints.latest() : checkpoints.bySize(treeSize))
                .flatMap(stored -> {
                    if (stored == null) {
                        throw treeSize == null ? ProblemException.conflict("No checkpoint has been signed yet")
                                : ProblemException.invalidField("treeSize", "no checkpoint was signed at tree size " + treeSize);
                    }
                    return state.state(pool).flatMap(current -> run(stored, current));
                });
    }

    private Uni<Report> run(StoredCheckpoint stored, LogState current) {
        Checkpoint signed;
        try {
            signed = Checkpoint.open(stored.note(), keys.origin(), List.of(keys.verifier()));
        } catch (VerificationException e) {
            return Uni.createFrom().item(new Report(false, current.size(), stored.treeSize(), null, stored.note(), 0, null,
                    "the stored checkpoint of size " + stored.treeSize() + " does not verify with the log's key: " + e.getMessage()));
        }
        Recompute recompute = new Recompute(signed.size(), signed.rootHash());
        long bound = Math.max(current.size(), signed.size());
        return entries.streamWithLeafNodes(bound)
                .group().intoLists().of(CHUNK)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .invoke(chunk -> chunk.forEach(recompute::accept))
                .select().first(chunk -> !recompute.stopped())
                .onItem().ignoreAsUni()
                .flatMap(ignored -> recompute.stopped() ? Uni.createFrom().voidItem() : entries.firstIndexFrom(bound).map(extra -> {
                    if (extra != null) {
                        recompute.bad(bound, "an entry with index " + extra + " lies beyond the log's size " + bound + " (inserted by hand)");
                    }
                    return null;
                }).replaceWithVoid())
                .flatMap(ignored -> finish(recompute, signed, current));
    }

    private Uni<Report> finish(Recompute r, Checkpoint signed, LogState current) {
        String root = StrictBase64.encode(signed.rootHash());
        String note = null;
        if (r.firstBad == null && r.position < Math.max(current.size(), signed.size())) {
            r.bad(r.position, "entry " + r.position + " is missing: the log's size is " + Math.max(current.size(), signed.size())
                    + " but the stored entries end at " + r.position);
        }
        if (r.firstBad != null && r.firstBad < signed.size() && r.firstBadLeaf != null) {
            // Settle whether the entry itself is not the one the log signed, or only its stored hashes were altered.
            long bad = r.firstBad;
            byte[] leaf = r.firstBadLeaf;
            return proofNodes(List.of(bad), signed.size()).map(proofs -> {
                boolean genuine = ProofVerifier.verifyInclusion(bad, signed.size(), leaf, proofs.inclusionProof(bad, signed.size()), signed.rootHash());
                String problem = genuine
                        ? "entry " + bad + " is the entry the log signed, but its stored leaf hash or tree node was altered"
                        : r.problem + "; its inclusion proof fails against the signed checkpoint of size " + signed.size();
                return new Report(false, current.size(), signed.size(), root, null, r.position, bad, problem);
            });
        }
        if (r.firstBad != null) {
            return Uni.createFrom().item(new Report(false, current.size(), signed.size(), root, null, r.position, r.firstBad, r.problem));
        }
        if (!MessageDigest.isEqual(r.rootAtCheckpoint(), signed.rootHash())) {
            return secondPass(signed).map(bad -> new Report(false, current.size(), signed.size(), root, null, r.position, bad,
                    "the tree recomputed from the entries does not have the signed root of size " + signed.size()
                            + "; entry " + bad + " is the first whose inclusion proof fails against it (entries and stored tree were rewritten)"));
        }
        if (current.rootHash() != null && !MessageDigest.isEqual(r.tree.rootHash(), current.rootHash())) {
            return Uni.createFrom().item(new Report(false, current.size(), signed.size(), root, null, r.position, signed.size(),
                    "the entries after the checkpoint (size " + signed.size() + " to " + current.size()
                            + ") do not give the root recorded in log_state"));
        }
        return Uni.createFrom().item(new Report(true, current.size(), signed.size(), root, note, r.position, null,
                "all " + r.position + " entries recomputed; the tree of the first " + signed.size()
                        + " has the signed checkpoint's root"));
    }

    /** Pass 2: the first position whose entry's inclusion proof fails against the signed root. */
    private Uni<Long> secondPass(Checkpoint signed) {
        long size = signed.size();
        Long[] first = {null};
        LogEntryQuery all = new LogEntryQuery(null, null, null, null, null, null, null, null, null, null, null, size, 0);
        return entries.stream(all, "idx, entry")
                .group().intoLists().of(128)
                .onItem().transformToUniAndConcatenate(chunk -> {
                    List<Long> indices = chunk.stream().map(row -> row.getLong("idx")).toList();
                    return proofNodes(indices, size).map(proofs -> {
                        for (Row row : chunk) {
                            long index = row.getLong("idx");
                            byte[] leaf = MerkleHashes.leafHash(row.getString("entry").getBytes(StandardCharsets.UTF_8));
                            if (!ProofVerifier.verifyInclusion(index, size, leaf, proofs.inclusionProof(index, size), signed.rootHash())) {
                                return index;
                            }
                        }
                        return -1L;
                    });
                })
                .select().first(index -> {
                    if (index >= 0) {
                        first[0] = index;
                    }
                    return index < 0;
                })
                .onItem().ignoreAsUni()
                .map(ignored -> first[0] == null ? 0L : first[0]);
    }

    private Uni<ProofGenerator> proofNodes(List<Long> indices, long size) {
        LinkedHashSet<NodeId> wanted = new LinkedHashSet<>();
        for (long index : indices) {
            for (ProofElement element : ProofGenerator.inclusionProofNodes(index, size)) {
                wanted.addAll(element.fullSubtrees());
            }
        }
        List<NodeId> list = new ArrayList<>(wanted);
        return nodes.nodeHashes(list).map(hashes -> new ProofGenerator(new PrefetchedNodes(list, hashes)));
    }

    /** Pass 1 state, fed rows in index order (one thread at a time). */
    static final class Recompute {
        final long checkpointSize;
        final byte[] signedRoot;
        final CompactRange tree = new CompactRange();
        long position;
        byte[] rootAtCheckpoint;
        Long firstBad;
        byte[] firstBadLeaf;
        String problem;

        Recompute(long checkpointSize, byte[] signedRoot) {
            this.checkpointSize = checkpointSize;
            this.signedRoot = signedRoot;
            if (checkpointSize == 0) {
                rootAtCheckpoint = MerkleHashes.emptyRoot();
            }
        }

        boolean stopped() {
            return firstBad != null;
        }

        byte[] rootAtCheckpoint() {
            return rootAtCheckpoint == null ? tree.rootHash() : rootAtCheckpoint;
        }

        void bad(long index, String why) {
            if (firstBad == null) {
                firstBad = index;
                problem = why;
            }
        }

        void accept(Row row) {
            if (stopped()) {
                return;
            }
            long index = row.getLong("idx");
            if (index != position) {
                bad(position, "entry " + position + " is missing: the next stored entry has index " + index
                        + " (an entry was deleted, or indices were rewritten)");
                return;
            }
            byte[] leaf = MerkleHashes.leafHash(row.getString("entry").getBytes(StandardCharsets.UTF_8));
            var storedLeaf = row.getBuffer("leaf_hash");
            var node = row.getBuffer("node_hash");
            if (node == null) {
                firstBadLeaf = leaf;
                bad(index, "entry " + index + " has no leaf in the stored tree");
                return;
            }
            if (!MessageDigest.isEqual(leaf, node.getBytes()) || storedLeaf == null || !MessageDigest.isEqual(leaf, storedLeaf.getBytes())) {
                firstBadLeaf = leaf;
                bad(index, "entry " + index + " does not hash to the leaf committed for it (its text was edited or replaced)");
                return;
            }
            tree.append(leaf);
            position++;
            if (position == checkpointSize) {
                rootAtCheckpoint = tree.rootHash();
            }
        }
    }
}
