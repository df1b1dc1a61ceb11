package org.govdx.audit.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.govdx.audit.domain.LogState;
import org.govdx.audit.domain.PrefetchedNodes;
import org.govdx.audit.domain.StoredCheckpoint;
import org.govdx.audit.repository.CheckpointRepository;
import org.govdx.audit.repository.LogWriteRepository;
import org.govdx.audit.repository.MerkleNodeRepository;
import org.govdx.tlog.Checkpoint;
import org.govdx.tlog.NodeId;
import org.govdx.tlog.ProofElement;
import org.govdx.tlog.ProofGenerator;
import org.govdx.tlog.ProofVerifier;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Signs C2SP checkpoints of the log: every {@code govdx.audit.checkpoint.interval} (1 s) on the leading replica
 * while the log grows, and on demand. A checkpoint is the note
 * <pre>
 * govdx.example/audit-log
 * &lt;tree size&gt;
 * &lt;base64 root hash&gt;
 * Timestamp: &lt;RFC 3339 UTC time of signing&gt;
 *
 * — govdx.example/audit-log &lt;signature&gt;
 * </pre>
 * The root signed is the one the sequencer computed and committed with the entries (log_state), never one
 * recomputed from tables an intruder could edit; and before signing, a consistency proof from the previous
 * checkpoint is checked, so the log never signs a fork of what it signed before.
 */
@ApplicationScoped
public class CheckpointService {

    static final String TIMESTAMP_PREFIX = "Timestamp: ";

    private static final Logger LOG = Logger.getLogger(CheckpointService.class);

    @Inject
    Pool pool;

    @Inject
    LogKeys keys;

    @Inject
    LogWriteRepository state;

    @Inject
    CheckpointRepository checkpoints;

    @Inject
    MerkleNodeRepository nodes;

    @Inject
    LogSequencer sequencer;

    @Inject
    LogLeadership leadership;

    /** The latest checkpoint this process knows (signed here, or read every interval): at most an interval old. */
    private volatile StoredCheckpoint known;

    @Scheduled(every = "${govdx.audit.checkpoint.interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> periodic() {
        if (!leadership.isLeader()) {
            return latest().replaceWithVoid().onFailure().recoverWithNull().replaceWithVoid();
        }
        return checkpointNow().replaceWithVoid()
                .onFailure().invoke(e -> LOG.errorf("periodic checkpoint failed: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** The latest checkpoint, signing a new one first if the log has grown past it. */
    public Uni<StoredCheckpoint> checkpointNow() {
        return state.state(pool).flatMap(current -> {
            if (current.rootHash() == null) {
                // A log from before the tree: one (empty) sequencer transaction builds it.
                return sequencer.append(List.of()).flatMap(ignored -> checkpointNow());
            }
            return checkpoints.latest().flatMap(latest -> {
                if (latest != null && latest.treeSize() >= current.size()) {
                    return Uni.createFrom().item(remember(latest));
                }
                return requireConsistent(latest, current).flatMap(ignored -> sign(current)).map(this::remember);
            });
        });
    }

    public Uni<StoredCheckpoint> latest() {
        return checkpoints.latest().map(this::remember);
    }

    /** The latest checkpoint known to this process without a query (null before the first); see {@link #known}. */
    public StoredCheckpoint latestKnown() {
        return known;
    }

    private StoredCheckpoint remember(StoredCheckpoint checkpoint) {
        StoredCheckpoint current = known;
        if (checkpoint != null && (current == null || checkpoint.treeSize() > current.treeSize())) {
            known = checkpoint;
        }
        return checkpoint;
    }

    public Uni<StoredCheckpoint> bySize(long treeSize) {
        return checkpoints.bySize(treeSize);
    }

    public Uni<List<StoredCheckpoint>> list(long afterSize, int limit) {
        return checkpoints.list(afterSize, limit);
    }

    private Uni<StoredCheckpoint> sign(LogState current) {
        String timestamp = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        String note = new Checkpoint(keys.origin(), current.size(), current.rootHash(), List.of(TIMESTAMP_PREFIX + timestamp))
                .sign(keys.signer());
        return checkpoints.insert(current.size(), current.rootHash(), note);
    }

    /** Fails unless the tree of the new state extends the tree of the previous checkpoint. */
    private Uni<Void> requireConsistent(StoredCheckpoint previous, LogState current) {
        if (previous == null || previous.treeSize() == 0) {
            return Uni.createFrom().voidItem();
        }
        List<ProofElement> elements = ProofGenerator.consistencyProofNodes(previous.treeSize(), current.size());
        LinkedHashSet<NodeId> wanted = new LinkedHashSet<>();
        elements.forEach(e -> wanted.addAll(e.fullSubtrees()));
        List<NodeId> list = new ArrayList<>(wanted);
        return nodes.nodeHashes(pool, list).map(hashes -> {
            List<byte[]> proof = new ProofGenerator(new PrefetchedNodes(list, hashes)).consistencyProof(previous.treeSize(), current.size());
            if (!ProofVerifier.verifyConsistency(previous.treeSize(), current.size(), proof, previous.rootHash(), current.rootHash())) {
                throw new IllegalStateException("refusing to sign: the tree of size " + current.size()
                        + " does not extend the signed checkpoint of size " + previous.treeSize() + " (the stored tree was altered)");
            }
            return null;
        }).replaceWithVoid();
    }
}
