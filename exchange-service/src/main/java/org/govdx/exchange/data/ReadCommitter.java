package org.govdx.exchange.data;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.govdx.common.events.AuditEvent;
import org.govdx.common.outbox.Outbox;
import org.jboss.logging.Logger;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Group commit of governed reads (issue 5: "group commits across concurrent requests keep this cheap"). A read
 * has its rows already masked; what must happen before they leave is, in ONE transaction, counting them
 * against the agreement's daily quota and writing the audit event to the outbox. Instead of a transaction per
 * read — serialised on the agreement's quota row lock and paying a commit (an fsync) each — reads queue here and
 * whatever is queued when the previous group's commit ends goes into one transaction: lock each agreement's
 * quota row once (in agreement-id order, so two instances cannot deadlock), grant each read its rows in arrival
 * order, let each read build its response and event for the rows it got, update the quota rows, insert the
 * events in one batch, commit, and only then release every read of the group. A failure fails the whole group:
 * no read of it leaves, nothing of it is counted. Nothing blocks: a read waits as a {@link Uni}, and one group
 * is committing at a time per instance (decision 0040).
 */
@ApplicationScoped
public class ReadCommitter {

    private static final Logger LOG = Logger.getLogger(ReadCommitter.class);

    @Inject
    Pool pool;

    @Inject
    Outbox outbox;

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

    private record Waiting(Pending pending, UniEmitter<? super Finished> done) {
    }

    private record QuotaKey(UUID agreementId, LocalDate day) implements Comparable<QuotaKey> {
        @Override
        public int compareTo(QuotaKey o) {
            int c = agreementId.toString().compareTo(o.agreementId.toString());
            return c != 0 ? c : day.compareTo(o.day);
        }
    }

    private SerialBatches<Waiting, List<Finished>> groups;

    @jakarta.annotation.PostConstruct
    void init() {
        groups = new SerialBatches<>(maxGroup, group -> pool.withTransaction(conn -> commitGroup(conn, group)), (group, finished) -> {
            for (int i = 0; i < group.size(); i++) {
                group.get(i).done().complete(finished.get(i));
            }
        }, (group, failure) -> {
            LOG.warnf("a group of %d governed reads failed to commit: %s", group.size(), failure.toString());
            group.forEach(g -> g.done().fail(failure));
        });
    }

    /** The read's result once its group has committed, or the group's failure. */
    public Uni<Finished> commit(Pending pending) {
        return Uni.createFrom().emitter(done -> groups.add(new Waiting(pending, done)));
    }

    private Uni<List<Finished>> commitGroup(SqlConnection conn, List<Waiting> group) {
        TreeMap<QuotaKey, Long> used = new TreeMap<>();
        for (Waiting w : group) {
            if (w.pending().quota().isPresent()) {
                used.put(new QuotaKey(w.pending().agreementId(), w.pending().day()), 0L);
            }
        }
        // lock each quota row once, in key order; a no-op update on conflict takes the row lock and returns the count so far
        Uni<Void> locked = Uni.createFrom().voidItem();
        for (QuotaKey key : used.keySet()) {
            locked = locked.flatMap(x -> conn.preparedQuery("insert into data_quota (agreement_id, day, rows_used) values ($1, $2, 0) "
                            + "on conflict (agreement_id, day) do update set rows_used = data_quota.rows_used returning rows_used")
                    .execute(Tuple.of(key.agreementId(), key.day()))
                    .invoke(rows -> used.put(key, rows.iterator().next().getLong(0))).replaceWithVoid());
        }
        return locked.flatMap(x -> {
            Map<QuotaKey, Long> before = new HashMap<>(used);
            List<Finished> finished = new ArrayList<>(group.size());
            List<AuditEvent> events = new ArrayList<>(group.size());
            for (Waiting w : group) {
                Pending p = w.pending();
                int granted = p.rows();
                long remaining = Long.MAX_VALUE;
                if (p.quota().isPresent()) {
                    QuotaKey key = new QuotaKey(p.agreementId(), p.day());
                    remaining = Math.max(0, p.quota().getAsLong() - used.get(key));
                    granted = (int) Math.min(granted, remaining);
                    used.put(key, used.get(key) + granted);
                }
                Finished f = p.finish().apply(granted, remaining);
                finished.add(f);
                events.add(f.event());
            }
            List<Tuple> changed = new ArrayList<>();
            used.forEach((key, rows) -> {
                if (!rows.equals(before.get(key))) {
                    changed.add(Tuple.of(key.agreementId(), key.day(), rows));
                }
            });
            Uni<Void> counted = changed.isEmpty() ? Uni.createFrom().voidItem()
                    : conn.preparedQuery("update data_quota set rows_used = $3 where agreement_id = $1 and day = $2").executeBatch(changed).replaceWithVoid();
            return counted.flatMap(y -> outbox.insert(conn, events)).replaceWith(finished);
        });
    }
}
