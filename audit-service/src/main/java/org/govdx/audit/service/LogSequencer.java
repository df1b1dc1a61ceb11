package org.govdx.audit.service;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one writer of the log in this process (issue 6.2, decision 0020). Producers' batches queue here and are
 * committed together, several requests per transaction ("group"): a group is formed when the queue holds
 * {@code govdx.audit.sequencer.max-batch} entries or its oldest batch has waited {@code max-delay-ms}, whichever
 * comes first. Each producer is answered only after the transaction holding its batch committed.
 *
 * <p>A group's transaction: skip event ids in an earlier group still in flight (and, for a batch queued again, those
 * already logged; a first delivery relies on the unique key on event_id instead, see {@link #run}), give the rest the
 * next indices, append their leaves to the Merkle tree, insert the entries and the tree nodes of the stored tile
 * levels the appends completed (decision 0021) in one statement, and finally move the coordinator row from
 * (start, startRoot) to (end, root) with {@code log_state_advance} (migration V1_5), sent together with the COMMIT
 * (decision 0022). That advance is the commit point of the log: it succeeds only if the log is exactly where the
 * group assumed, it takes the row's lock, and the next group's advance waits on that lock until this group has
 * committed. So up to {@code govdx.audit.sequencer.pipeline} groups can be inserting at once while the indices stay
 * gap-free and commit order equals index order; a group that fails (or finds the log moved, e.g. by another replica)
 * rolls back, and so do the groups after it; their batches are queued again. The tree is then resumed from
 * merkle_node, with one query, under the row's lock. A batch that would make the queue hold more than
 * {@code max-queued} entries is refused at once ({@link LogBusyException}: 503 with Retry-After).
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

    @ConfigProperty(name = "govdx.audit.sequencer.max-batch", defaultValue = "2000")
    int maxBatch;

    @ConfigProperty(name = "govdx.audit.sequencer.max-delay-ms", defaultValue = "2")
    long maxDelayMillis;

    @ConfigProperty(name = "govdx.audit.sequencer.pipeline", defaultValue = "4")
    int pipeline;

    @ConfigProperty(name = "govdx.audit.sequencer.max-attempts", defaultValue = "5")
    int maxAttempts;

    /** Entries the queue holds at most; a batch that does not fit is refused at once ({@link LogBusyException}). */
    @ConfigProperty(name = "govdx.audit.sequencer.max-queued", defaultValue = "20000")
    int maxQueued;

    private final Object lock = new Object();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final ArrayDeque<Group> inFlight = new ArrayDeque<>();
    private int queuedEntries;
    private long timerId = -1;
    /** A group is between being taken from the queue and knowing its indices; the next waits for it. */
    private boolean forming;
    /** After a failure: no new group until the groups in flight have settled and the tree is reloaded. */
    private boolean draining;
    /** The tree after the last group formed (committed or in flight); null: reload from the store. */
    private CompactRange tip;

    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong resumes = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong appendedEntries = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    private record Pending(List<PreparedEntry> entries, UniEmitter<? super IngestResult> emitter, long queuedAt, int attempts) {
    }

    /** Counters, for tests and metrics: groups committed, requests served, tree reloads, batches queued again. */
    public record Stats(long transactions, long requests, long resumes, long retries) {
    }

    @Inject
    io.micrometer.core.instrument.MeterRegistry metrics;

    @jakarta.annotation.PostConstruct
    void registerMetrics() {
        io.micrometer.core.instrument.FunctionCounter.builder("govdx.audit.sequencer.groups", transactions, AtomicLong::get)
                .description("transactions (groups of batches) the sequencer committed").register(metrics);
        io.micrometer.core.instrument.FunctionCounter.builder("govdx.audit.sequencer.requests", requests, AtomicLong::get)
                .description("batches submitted to the sequencer").register(metrics);
        io.micrometer.core.instrument.FunctionCounter.builder("govdx.audit.sequencer.entries", appendedEntries, AtomicLong::get)
                .description("entries the sequencer appended to the log").register(metrics);
        io.micrometer.core.instrument.FunctionCounter.builder("govdx.audit.sequencer.refused", refused, AtomicLong::get)
                .description("batches refused (503, Retry-After) because the queue was full").register(metrics);
        io.micrometer.core.instrument.FunctionCounter.builder("govdx.audit.sequencer.retries", retries, AtomicLong::get)
                .description("batches queued again after their group failed or found the log moved").register(metrics);
    }

    /** Sets how many entries the queue holds at most (tests); returns the previous limit. */
    int maxQueued(int entries) {
        synchronized (lock) {
            int previous = maxQueued;
            maxQueued = entries;
            return previous;
        }
    }

    public Stats stats() {
        return new Stats(transactions.get(), requests.get(), resumes.get(), retries.get());
    }

    /** One transaction's worth of batches and what it did. */
    private static final class Group {
        final List<Pending> pendings;
        final Map<UUID, PreparedEntry> unique = new LinkedHashMap<>();
        /**
         * The previous group's {@link #updated}, not the group itself: a reference to the group would chain every group
         * formed while the pipeline stayed busy, with all their entries, and under sustained load none would ever be
         * collected (the service ran out of heap in the ingest benchmark).
         */
        final CompletableFuture<Void> previousUpdated;
        /** Completed once this group's update of log_state has run (the next group's update may then be sent). */
        final CompletableFuture<Void> updated = new CompletableFuture<>();
        CompactRange base;
        CompactRange tree;
        final Set<UUID> appended = new HashSet<>();
        SqlConnection connection;
        Transaction transaction;
        final long formedAt = System.nanoTime();
        long indexedAt;
        long insertedAt;
        long updatedAt;

        Group(List<Pending> pendings, Group previous) {
            this.pendings = pendings;
            this.previousUpdated = previous == null ? null : previous.updated;
            for (Pending pending : pendings) {
                for (PreparedEntry entry : pending.entries()) {
                    unique.putIfAbsent(entry.eventId(), entry);
                }
            }
        }
    }

    /**
     * Appends the entries (already deduplicated within the list) and completes once their transaction has committed.
     * An empty list waits for one transaction, which makes sure the tree is built (see {@link #rebuild}).
     */
    public Uni<IngestResult> append(List<PreparedEntry> entries) {
        return Uni.createFrom().emitter(emitter -> {
            synchronized (lock) {
                if (queuedEntries > 0 && queuedEntries + entries.size() > maxQueued) {
                    refused.incrementAndGet();
                    emitter.fail(new LogBusyException(queuedEntries, 1));
                    return;
                }
                queue.add(new Pending(entries, emitter, System.nanoTime(), 0));
                queuedEntries += entries.size();
                requests.incrementAndGet();
                maybeFlush();
            }
        });
    }

    /** Forms a group if one may start and the queue is full or old enough; else arms the timer. Holds the lock. */
    private void maybeFlush() {
        if (forming || draining || inFlight.size() >= pipeline || queue.isEmpty()) {
            return;
        }
        long waitedNanos = System.nanoTime() - queue.peek().queuedAt();
        long delayNanos = maxDelayMillis * 1_000_000;
        if (queuedEntries >= maxBatch || waitedNanos >= delayNanos) {
            if (timerId >= 0) {
                vertx.cancelTimer(timerId);
                timerId = -1;
            }
            List<Pending> taken = new ArrayList<>();
            int entries = 0;
            while (!queue.isEmpty() && (taken.isEmpty() || entries + queue.peek().entries().size() <= maxBatch)) {
                Pending next = queue.poll();
                taken.add(next);
                entries += next.entries().size();
            }
            queuedEntries -= entries;
            forming = true;
            Group group = new Group(taken, inFlight.peekLast());
            CompactRange base = tip;
            Set<UUID> earlier = new HashSet<>();
            for (Group g : inFlight) {
                earlier.addAll(g.unique.keySet());
            }
            // Run outside the lock, on a Vert.x context (the pool needs one), never inside a caller's stack.
            vertx.runOnContext(ignored -> run(group, base, earlier));
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

    private void run(Group group, CompactRange base, Set<UUID> inEarlierGroups) {
        // A batch seen for the first time is appended without asking the log about its event ids: the unique key on
        // event_id refuses a duplicate (the group then fails and its batches come back with a retry count), and only
        // retried batches, where relays' re-sends end up, pay for the lookup (decision 0021).
        boolean checkLog = group.pendings.stream().anyMatch(p -> p.attempts() > 0);
        Uni<Void> transaction;
        try {
            Uni<CompactRange> start = (base != null ? Uni.createFrom().item(base) : loadBase()).invoke(b -> group.base = b);
            Uni<NodeBatch> formed = checkLog
                    ? start.flatMap(b -> open(group)).flatMap(ignored -> loggedAlready(group, inEarlierGroups))
                            .map(logged -> form(group, inEarlierGroups, logged))
                    : start.map(b -> form(group, inEarlierGroups, Set.of())).flatMap(batch -> open(group).replaceWith(batch));
            transaction = formed
                    .flatMap(batch -> insert(group, batch))
                    .invoke(() -> group.insertedAt = System.nanoTime())
                    .flatMap(ignored -> group.previousUpdated == null ? Uni.createFrom().voidItem()
                            : Uni.createFrom().completionStage(group.previousUpdated))
                    .flatMap(ignored -> advanceAndCommit(group));
        } catch (RuntimeException e) {
            transaction = Uni.createFrom().failure(e);
        }
        transaction.subscribe().with(ignored -> committed(group), failure -> failed(group, failure));
    }

    /**
     * Moves log_state to the group's end and commits, the two statements sent together (pipelined): the next group
     * may send its own advance as soon as this one has the row (its answer), and it then waits inside PostgreSQL
     * for this commit, so the serial part of a group is PostgreSQL's own (lock hand-over, update, WAL flush), with no
     * round trip to the service in it. If the advance fails (the log moved), the transaction is aborted and the
     * COMMIT rolls it back.
     */
    private Uni<Void> advanceAndCommit(Group group) {
        Uni<Void> advance = writes.advanceState(group.connection, group.base.size(), group.base.rootHash(), group.tree.size(),
                group.tree.rootHash()).invoke(() -> {
                    group.updatedAt = System.nanoTime();
                    group.updated.complete(null);
                });
        return Uni.combine().all().unis(advance, group.transaction.commit()).collectFailures().discardItems();
    }

    /** The group's connection and transaction. */
    private Uni<Void> open(Group group) {
        return pool.getConnection()
                .invoke(c -> group.connection = c)
                .flatMap(SqlConnection::begin)
                .invoke(tx -> group.transaction = tx)
                .replaceWithVoid();
    }

    /** The group's event ids (but those of earlier groups in flight) that the log already holds. */
    private Uni<Set<UUID>> loggedAlready(Group group, Set<UUID> inEarlierGroups) {
        List<UUID> candidates = new ArrayList<>(group.unique.size());
        for (UUID id : group.unique.keySet()) {
            if (!inEarlierGroups.contains(id)) {
                candidates.add(id);
            }
        }
        return candidates.isEmpty() ? Uni.createFrom().item(Set.of())
                : writes.existingEventIds(group.connection, candidates.toArray(new UUID[0]));
    }

    /**
     * Gives the group's new entries (not in earlier groups in flight, not {@code logged}) their indices and appends
     * their leaves to the tree; the next group may form from here on.
     */
    private NodeBatch form(Group group, Set<UUID> inEarlierGroups, Set<UUID> logged) {
        CompactRange next = group.base.copy();
        NodeBatch batch = new NodeBatch();
        for (Map.Entry<UUID, PreparedEntry> entry : group.unique.entrySet()) {
            UUID id = entry.getKey();
            if (!inEarlierGroups.contains(id) && !logged.contains(id)) {
                next.append(entry.getValue().leafHash(), batch);
                group.appended.add(id);
            }
        }
        group.tree = next;
        group.indexedAt = System.nanoTime();
        synchronized (lock) {
            tip = next;
            forming = false;
            inFlight.add(group);
            maybeFlush();
        }
        return batch;
    }

    private Uni<Void> insert(Group group, NodeBatch batch) {
        if (group.appended.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<PreparedEntry> fresh = new ArrayList<>(group.appended.size());
        for (PreparedEntry entry : group.unique.values()) {
            if (group.appended.contains(entry.eventId())) {
                fresh.add(entry);
            }
        }
        return writes.insertEntries(group.connection, group.base.size(), fresh, batch);
    }

    private void committed(Group group) {
        transactions.incrementAndGet();
        appendedEntries.addAndGet(group.appended.size());
        if (LOG.isDebugEnabled()) {
            long now = System.nanoTime();
            LOG.debugf("group of %d entries (%d new): indices after %.1f ms, inserted %.1f ms later, updated %.1f ms later, committed %.1f ms later",
                    group.unique.size(), group.appended.size(), (group.indexedAt - group.formedAt) / 1e6, (group.insertedAt - group.indexedAt) / 1e6,
                    (group.updatedAt - group.insertedAt) / 1e6, (now - group.updatedAt) / 1e6);
        }
        group.connection.closeAndForget();
        synchronized (lock) {
            inFlight.remove(group);
            settle();
        }
        Set<UUID> unclaimed = new HashSet<>(group.appended);
        for (Pending pending : group.pendings) {
            int appended = 0;
            for (PreparedEntry entry : pending.entries()) {
                if (unclaimed.remove(entry.eventId())) {
                    appended++;
                }
            }
            pending.emitter().complete(new IngestResult(appended, pending.entries().size() - appended, group.tree.size()));
        }
    }

    private void failed(Group group, Throwable failed) {
        // the advance's failure, not the COMMIT's that follows from it
        Throwable failure = failed instanceof io.smallrye.mutiny.CompositeException composite ? composite.getCause() : failed;
        group.updated.completeExceptionally(failure);
        if (group.connection != null) {
            SqlConnection connection = group.connection;
            Uni<Void> rollback = group.transaction != null ? group.transaction.rollback() : Uni.createFrom().voidItem();
            rollback.onTermination().call(connection::close).subscribe().with(ignored -> { }, ignored -> { });
        }
        List<Pending> again = new ArrayList<>();
        List<Pending> giveUp = new ArrayList<>();
        for (Pending pending : group.pendings) {
            (pending.attempts() + 1 < maxAttempts ? again : giveUp).add(pending);
        }
        if (isLogMoved(failure) || isDuplicateEventId(failure)
                || group.previousUpdated != null && group.previousUpdated.isCompletedExceptionally()) {
            LOG.debugf("a group of %d entries is queued again: %s", group.unique.size(), failure.getMessage());
        } else {
            LOG.warnf("append of %d entries failed, %s: %s", group.unique.size(),
                    giveUp.isEmpty() ? "queued again" : "producers will retry", failure.toString());
        }
        synchronized (lock) {
            if (!inFlight.remove(group)) {
                forming = false;
            }
            tip = null;
            draining = true;
            // back to the head of the queue, in their order
            for (int i = again.size() - 1; i >= 0; i--) {
                Pending p = again.get(i);
                queue.addFirst(new Pending(p.entries(), p.emitter(), p.queuedAt(), p.attempts() + 1));
                queuedEntries += p.entries().size();
            }
            retries.addAndGet(again.size());
            settle();
        }
        for (Pending pending : giveUp) {
            pending.emitter().fail(failure);
        }
    }

    /** The unique key on event_id refused an entry: a batch re-sent after its first delivery committed. */
    private static boolean isDuplicateEventId(Throwable failure) {
        return failure instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState());
    }

    /** The advance found the log elsewhere than where the group started (another replica appended, an earlier group failed). */
    private static boolean isLogMoved(Throwable failure) {
        return failure instanceof io.vertx.pgclient.PgException pg && LogWriteRepository.LOG_MOVED.equals(pg.getSqlState());
    }

    /** After a group left the pipeline: resume forming once nothing is in flight after a failure. Holds the lock. */
    private void settle() {
        if (draining && inFlight.isEmpty() && !forming) {
            draining = false;
        }
        maybeFlush();
    }

    /**
     * The tree of the committed log, read under the coordinator row's lock: resumed from merkle_node (one query), or
     * rebuilt from the entries when root_hash is null (a log from before the tree existed).
     */
    private Uni<CompactRange> loadBase() {
        resumes.incrementAndGet();
        return pool.withTransaction(connection -> writes.lockState(connection).flatMap(state ->
                state.rootHash() == null ? rebuild(connection, state.size()) : resume(connection, state)));
    }

    private Uni<CompactRange> resume(SqlConnection connection, LogState state) {
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
