package org.govdx.exchange.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.govdx.common.events.AuditEvent;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Group commit of governed reads (issue 5: "group commits across concurrent requests keep this cheap"). A read
 * has its rows already masked; what must happen before they leave is, in ONE transaction, counting them
 * against the agreement's daily quota and writing the audit event to the outbox. Instead of a transaction per
 * read — serialised on the agreement's quota row lock and paying a commit (an fsync) each — reads queue here and
 * one committer thread takes all waiting reads into one transaction: lock each agreement's quota row once
 * (in agreement-id order, so two instances cannot deadlock), grant each read its rows in arrival order, let
 * each read build its response and event for the rows it got, update the quota rows, insert the events in one
 * batch, commit, and only then release every read of the group. A failure fails the whole group: no read of it
 * leaves, nothing of it is counted.
 */
@ApplicationScoped
public class ReadCommitter {

    private static final Logger LOG = Logger.getLogger(ReadCommitter.class);
    private static final Duration DB = Duration.ofSeconds(60);

    @Inject
    Pool pool;

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "govdx.data.group-commit-max", defaultValue = "256")
    int maxGroup;

    /** What a read hands over: its agreement, day and quota, the rows it has, and how to finish for the rows it is granted. */
    public record Pending(UUID agreementId, LocalDate day, OptionalLong quota, int rows, Finish finish) {
    }

    /** Builds a read's response and audit event once its share of the quota is known. */
    @FunctionalInterface
    public interface Finish {
        /**
         * @param granted         rows it may deliver (at most what it has)
         * @param remainingBefore the quota left before this read ({@code Long.MAX_VALUE} without a quota)
         */
        Finished apply(int granted, long remainingBefore);
    }

    /** A finished read: the audit event to commit and the result to hand back once committed. */
    public record Finished(AuditEvent event, Object result) {
    }

    private record Waiting(Pending pending, CompletableFuture<Finished> done) {
    }

    private final LinkedBlockingQueue<Waiting> queue = new LinkedBlockingQueue<>();
    private volatile boolean running = true;
    private Thread committer;

    @PostConstruct
    void start() {
        committer = new Thread(this::run, "governed-read-committer");
        committer.setDaemon(true);
        committer.start();
    }

    @PreDestroy
    void stop() {
        running = false;
        committer.interrupt();
    }

    /** Blocks (a worker thread) until the read's group has committed; the read's result, or the group's failure. */
    public Finished commit(Pending pending) {
        CompletableFuture<Finished> done = new CompletableFuture<>();
        queue.add(new Waiting(pending, done));
        try {
            return done.get(DB.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while committing a read", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the read's group did not commit in time", e);
        }
    }

    private void run() {
        while (running) {
            List<Waiting> group = new ArrayList<>();
            try {
                group.add(queue.take());
                queue.drainTo(group, maxGroup - 1);
                List<Finished> finished = commitGroup(group);
                for (int i = 0; i < group.size(); i++) {
                    group.get(i).done().complete(finished.get(i));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                group.forEach(w -> w.done().completeExceptionally(e));
                return;
            } catch (RuntimeException e) {
                LOG.warnf("a group of %d governed reads failed to commit: %s", group.size(), e.toString());
                group.forEach(w -> w.done().completeExceptionally(e));
            }
        }
    }

    private List<Finished> commitGroup(List<Waiting> group) {
        SqlConnection conn = pool.getConnection().await().atMost(DB);
        Transaction tx = null;
        try {
            tx = conn.begin().await().atMost(DB);
            Map<String, Long> used = new HashMap<>();
            TreeSet<String> quotaKeys = new TreeSet<>();
            for (Waiting w : group) {
                if (w.pending().quota().isPresent()) {
                    quotaKeys.add(w.pending().agreementId() + "|" + w.pending().day());
                }
            }
            for (String key : quotaKeys) {
                String[] parts = key.split("\\|");
                Tuple t = Tuple.of(UUID.fromString(parts[0]), LocalDate.parse(parts[1]));
                conn.preparedQuery("insert into data_quota (agreement_id, day, rows_used) values ($1, $2, 0) on conflict do nothing").execute(t).await().atMost(DB);
                used.put(key, conn.preparedQuery("select rows_used from data_quota where agreement_id = $1 and day = $2 for update").execute(t)
                        .await().atMost(DB).iterator().next().getLong(0));
            }
            Map<String, Long> before = new HashMap<>(used);
            List<Finished> finished = new ArrayList<>(group.size());
            List<Tuple> events = new ArrayList<>(group.size());
            for (Waiting w : group) {
                Pending p = w.pending();
                int granted = p.rows();
                long remaining = Long.MAX_VALUE;
                if (p.quota().isPresent()) {
                    String key = p.agreementId() + "|" + p.day();
                    remaining = Math.max(0, p.quota().getAsLong() - used.get(key));
                    granted = (int) Math.min(granted, remaining);
                    used.put(key, used.get(key) + granted);
                }
                Finished f = p.finish().apply(granted, remaining);
                finished.add(f);
                events.add(Tuple.of(f.event().eventId(), f.event().action(), mapper.writeValueAsString(f.event())));
            }
            for (String key : quotaKeys) {
                if (!used.get(key).equals(before.get(key))) {
                    String[] parts = key.split("\\|");
                    conn.preparedQuery("update data_quota set rows_used = $3 where agreement_id = $1 and day = $2")
                            .execute(Tuple.of(UUID.fromString(parts[0]), LocalDate.parse(parts[1]), used.get(key))).await().atMost(DB);
                }
            }
            conn.preparedQuery("insert into outbox_event (event_id, action, payload) values ($1, $2, $3)").executeBatch(events).await().atMost(DB);
            tx.commit().await().atMost(DB);
            tx = null;
            return finished;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } finally {
            if (tx != null) {
                try {
                    tx.rollback().await().atMost(DB);
                } catch (RuntimeException ignored) {
                    // closing next
                }
            }
            conn.close().await().atMost(DB);
        }
    }
}
