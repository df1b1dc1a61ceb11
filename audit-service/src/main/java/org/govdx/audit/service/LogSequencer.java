package org.govdx.audit.service;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.govdx.audit.domain.IngestResult;
import org.govdx.audit.domain.LogState;
import org.govdx.audit.domain.NodeBatch;
import org.govdx.audit.domain.PreparedEntry;
import org.govdx.audit.domain.PrefetchedNodes;
import org.govdx.audit.repository.LogWriteRepository;
import org.govdx.audit.repository.MerkleNodeRepository;
import org.govdx.tlog.CompactRange;
import org.govdx.tlog.MerkleHashes;
import org.govdx.tlog.NodeId;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one writer of the log in this process (issue 6.2, decision 0020). Producers' batches queue here; the
 * sequencer commits them together, several requests per transaction, when the queue holds
 * {@code govdx.audit.sequencer.max-batch} entries or its oldest batch has waited
 * {@code govdx.audit.sequencer.max-delay}, whichever comes first, and while a transaction is running the
 * next group gathers. Each producer is answered only after the transaction holding its batch committed.
 *
 * <p>One transaction: lock the coordinator row (log_state), skip event ids already logged (or already in the
 * group), give the rest the next indices, append their leaves to the Merkle tree, and insert the entries, the
 * tree nodes the appends completed, and the new size and root. Correctness rests on the coordinator row only:
 * another replica appending in between is noticed (size or root differ from the in-memory tree) and the tree is
 * resumed from merkle_node, in the same transaction, with one query.
 */
@ApplicationScoped
public class LogSequencer {

    private static final Logger LOG = Logger.getLogger(LogSequencer.class);
    private static final int REBUILD_PAGE = 5000;

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Inject
    LogWriteRepository writes;

    @Inject
    MerkleNodeRepository nodes;

    @ConfigProperty(name = "govdx.audit.sequencer.max-batch", defaultValue = "1000")
    int maxBatch;

    @ConfigProperty(name = "govdx.audit.sequencer.max-delay-ms", defaultValue = "2")
    long maxDelayMillis;

    private final Object lock = new Object();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private int queuedEntries;
    private boolean flushing;
    private long timerId = -1;
    /** The tree as of the last commit of this process; only the running flush touches it. */
    private volatile CompactRange tree;

    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong resumes = new AtomicLong();

    private record Pending(List<PreparedEntry> entries, UniEmitter<? super IngestResult> emitter, long queuedAt) {
    }

    /** Counters, for tests and metrics: transactions committed, requests served, tree resumes from the store. */
    public record Stats(long transactions, long requests, long resumes) {
    }

    public Stats stats() {
        return new Stats(transactions.get(), requests.get(), resumes.get());
    }

    /**
     * Appends the entries (already deduplicated within the list) and completes once their transaction has committed.
     * An empty list waits for one transaction, which makes sure the tree is built (see {@link #rebuild}).
     */
    public Uni<IngestResult> append(List<PreparedEntry> entries) {
        return Uni.createFrom().emitter(emitter -> {
            synchronized (lock) {
                queue.add(new Pending(entries, emitter, System.nanoTime()));
                queuedEntries += entries.size();
                requests.incrementAndGet();
                maybeFlush();
            }
        });
    }

    /** Starts a flush if none runs and the group is full or old enough; else arms the timer. Holds the lock. */
    private void maybeFlush() {
        if (flushing || queue.isEmpty()) {
            return;
        }
        long waitedNanos = System.nanoTime() - queue.peek().queuedAt();
        long delayNanos = maxDelayMillis * 1_000_000;
        if (queuedEntries >= maxBatch || waitedNanos >= delayNanos) {
            if (timerId >= 0) {
                vertx.cancelTimer(timerId);
                timerId = -1;
            }
            List<Pending> group = new ArrayList<>();
            int entries = 0;
            while (!queue.isEmpty() && (group.isEmpty() || entries + queue.peek().entries().size() <= maxBatch)) {
                Pending next = queue.poll();
                group.add(next);
                entries += next.entries().size();
            }
            queuedEntries -= entries;
            flushing = true;
            // Run outside the lock, on a Vert.x context (the pool needs one), never inside a caller's stack.
            vertx.runOnContext(ignored -> flush(group));
        } else if (timerId < 0) {
            long remainingMillis = Math.max(1, (delayNanos - waitedNanos + 999_999) / 1_000_000);
            timerId = vertx.setTimer(remainingMillis, id -> {
                synchronized (lock) {
                    timerId = -1;
                    maybeFlush();
                }
            });
        }
    }

    private void flush(List<Pending> group) {
        // Dedupe across the group: the first batch to carry an event id logs it, later ones count it as a duplicate.
        Map<UUID, PreparedEntry> unique = new LinkedHashMap<>();
        for (Pending pending : group) {
            for (PreparedEntry entry : pending.entries()) {
                unique.putIfAbsent(entry.eventId(), entry);
            }
        }
        Uni<Commit> transaction;
        try {
            transaction = pool.withTransaction(connection -> appendInTransaction(connection, unique));
        } catch (RuntimeException e) {
            transaction = Uni.createFrom().failure(e);
        }
        transaction.subscribe().with(commit -> {
            tree = commit.tree();
            transactions.incrementAndGet();
            finish(group, commit, null);
        }, failure -> {
            LOG.warnf("append of %d entries failed, producers will retry: %s", unique.size(), failure.toString());
            tree = null; // resume from the store next time: the database is the truth
            finish(group, null, failure);
        });
    }

    private void finish(List<Pending> group, Commit commit, Throwable failure) {
        synchronized (lock) {
            flushing = false;
            maybeFlush();
        }
        for (Pending pending : group) {
            if (failure != null) {
                pending.emitter().fail(failure);
                continue;
            }
            int appended = 0;
            for (PreparedEntry entry : pending.entries()) {
                if (commit.appended().remove(entry.eventId())) {
                    appended++;
                }
            }
            pending.emitter().complete(new IngestResult(appended, pending.entries().size() - appended, commit.size()));
        }
    }

    /** What one transaction did: the ids it appended, the size after, and the tree at that size. */
    private record Commit(Set<UUID> appended, long size, CompactRange tree) {
    }

    private Uni<Commit> appendInTransaction(SqlConnection connection, Map<UUID, PreparedEntry> unique) {
        return writes.lockState(connection)
                .flatMap(state -> currentTree(connection, state).flatMap(current -> {
                    if (unique.isEmpty()) {
                        return Uni.createFrom().item(new Commit(new HashSet<>(), state.size(), current));
                    }
                    UUID[] ids = unique.keySet().toArray(new UUID[0]);
                    return writes.existingEventIds(connection, ids).flatMap(logged -> {
                        List<PreparedEntry> fresh = new ArrayList<>(unique.size());
                        for (PreparedEntry entry : unique.values()) {
                            if (!logged.contains(entry.eventId())) {
                                fresh.add(entry);
                            }
                        }
                        if (fresh.isEmpty()) {
                            return Uni.createFrom().item(new Commit(new HashSet<>(), state.size(), current));
                        }
                        CompactRange next = current.copy();
                        NodeBatch batch = new NodeBatch();
                        Set<UUID> appended = new HashSet<>();
                        for (PreparedEntry entry : fresh) {
                            next.append(entry.leafHash(), batch);
                            appended.add(entry.eventId());
                        }
                        byte[] root = next.rootHash();
                        return writes.insertEntries(connection, state.size(), fresh)
                                .flatMap(ignored -> writes.insertNodes(connection, batch))
                                .flatMap(ignored -> writes.updateState(connection, next.size(), root))
                                .map(ignored -> new Commit(appended, next.size(), next));
                    });
                }));
    }

    /**
     * The tree at the locked state: the cached one if it matches the stored size and root, else resumed from
     * merkle_node (another replica appended, or this process just started), else rebuilt from the entries (a log
     * from before the tree existed: root_hash is null).
     */
    private Uni<CompactRange> currentTree(SqlConnection connection, LogState state) {
        CompactRange cached = tree;
        if (state.rootHash() == null) {
            return rebuild(connection, state.size());
        }
        if (cached != null && cached.size() == state.size() && MessageDigest.isEqual(cached.rootHash(), state.rootHash())) {
            return Uni.createFrom().item(cached);
        }
        resumes.incrementAndGet();
        List<NodeId> peaks = NodeId.fullSubtrees(0, state.size());
        return nodes.nodeHashes(connection, peaks).map(hashes -> {
            CompactRange resumed = CompactRange.resume(new PrefetchedNodes(peaks, hashes), state.size());
            if (!MessageDigest.isEqual(resumed.rootHash(), state.rootHash())) {
                throw new IllegalStateException("merkle_node does not match log_state at size " + state.size() + ": stored root "
                        + HexFormat.of().formatHex(state.rootHash()) + ", peaks give " + HexFormat.of().formatHex(resumed.rootHash())
                        + "; refusing to extend a damaged tree (see GET /api/audit/log/verify)");
            }
            return resumed;
        });
    }

    /** Builds the tree of a log that predates it, page by page, inside the locked transaction. */
    private Uni<CompactRange> rebuild(SqlConnection connection, long size) {
        LOG.infof("building the Merkle tree over %d existing log entries", size);
        return rebuildFrom(connection, new CompactRange(), size).flatMap(built ->
                writes.updateState(connection, size, built.rootHash()).replaceWith(built));
    }

    private Uni<CompactRange> rebuildFrom(SqlConnection connection, CompactRange built, long size) {
        if (built.size() >= size) {
            return Uni.createFrom().item(built);
        }
        return writes.entryPage(connection, built.size(), REBUILD_PAGE).flatMap(rows -> {
            NodeBatch batch = new NodeBatch();
            for (Row row : rows) {
                long index = row.getLong("idx");
                if (index >= size) {
                    break;
                }
                if (index != built.size()) {
                    throw new IllegalStateException("cannot build the tree: the log has no entry " + built.size());
                }
                byte[] leaf = MerkleHashes.leafHash(row.getString("entry").getBytes(StandardCharsets.UTF_8));
                if (!MessageDigest.isEqual(leaf, row.getBuffer("leaf_hash").getBytes())) {
                    throw new IllegalStateException("cannot build the tree: entry " + index + " does not match its leaf hash");
                }
                built.append(leaf, batch);
            }
            if (rows.isEmpty()) {
                throw new IllegalStateException("cannot build the tree: the log has no entry " + built.size());
            }
            return writes.insertNodes(connection, batch).flatMap(ignored -> rebuildFrom(connection, built, size));
        });
    }
}
