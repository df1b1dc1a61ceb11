package org.govdx.exchange.data.extract;

import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.govdx.common.events.AuditEvent;
import org.govdx.common.events.AuditEvents;
import org.govdx.common.outbox.Outbox;
import org.govdx.exchange.data.BlockingTransaction;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Ends the exports an instance left RUNNING when it died (kill -9, a lost node): without this, such an export kept
 * the rest of the day's row quota it reserved at its start, and the consumer was refused until midnight. An export
 * whose instance has not marked it alive ({@code heartbeat_at}, refreshed by {@link AgreementWatch}) for
 * {@code govdx.data.extract-abandoned-after} is recorded FAILED with the reason ABANDONED; the rows it had counted as
 * delivered before sending them ({@code rows_accounted}) stay counted and the rest of its reservation goes back to
 * the day's quota; a {@code data.extract-stopped} event says so, in the same transaction. Any replica may run it:
 * rows are claimed with {@code FOR UPDATE SKIP LOCKED}, and the state check makes a second pass a no-op.
 */
@ApplicationScoped
public class AbandonedExports {

    private static final Logger LOG = Logger.getLogger(AbandonedExports.class);
    private static final Duration DB = Duration.ofSeconds(30);
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final String REASON = "ABANDONED";

    @Inject
    Pool pool;

    @Inject
    AuditEvents events;

    @Inject
    Outbox outbox;

    @ConfigProperty(name = "govdx.data.extract-abandoned-after", defaultValue = "60s")
    Duration abandonedAfter;

    @Scheduled(every = "${govdx.data.extract-abandoned-check:30s}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void check() {
        try {
            int ended = endAbandoned(abandonedAfter);
            if (ended > 0) {
                LOG.warnf("ended %d export(s) whose instance stopped marking them alive; their unsent reservation went back to the quota", ended);
            }
        } catch (RuntimeException e) {
            LOG.warnf("abandoned exports: %s", e.toString());
        }
    }

    /** Ends every RUNNING export not marked alive for {@code silentFor}; how many it ended. */
    public int endAbandoned(Duration silentFor) {
        return BlockingTransaction.run(pool, DB, conn -> {
            List<Row> abandoned = new ArrayList<>();
            conn.preparedQuery("select id, agreement_id, dataset_id, dataset_version, department, principal, rows_reserved, rows_accounted, "
                            + "started_at, request_hash from data_extract where state = 'RUNNING' and heartbeat_at < now() - make_interval(secs => $1) "
                            + "order by started_at for update skip locked")
                    .execute(Tuple.of((double) silentFor.toMillis() / 1000)).await().atMost(DB).forEach(abandoned::add);
            for (Row r : abandoned) {
                UUID id = r.getUUID("id");
                UUID agreementId = r.getUUID("agreement_id");
                long reserved = r.getLong("rows_reserved");
                long accounted = r.getLong("rows_accounted");
                conn.preparedQuery("update data_extract set state = 'FAILED', stop_reason = $2, rows_written = $3, finished_at = $4 where id = $1")
                        .execute(Tuple.of(id, REASON, accounted, OffsetDateTime.now())).await().atMost(DB);
                long refund = reserved < 0 ? 0 : Math.max(0, reserved - accounted); // -1: the agreement has no quota
                if (refund > 0) {
                    LocalDate day = r.getOffsetDateTime("started_at").atZoneSameInstant(CHINA).toLocalDate();
                    conn.preparedQuery("update data_quota set rows_used = greatest(0, rows_used - $3) where agreement_id = $1 and day = $2")
                            .execute(Tuple.of(agreementId, day, refund)).await().atMost(DB);
                }
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("mode", "EXTRACT");
                details.put("extractId", id.toString());
                details.put("requestHash", r.getString("request_hash"));
                details.put("consumerDepartment", r.getString("department"));
                details.put("principal", r.getString("principal"));
                details.put("rowCount", accounted);
                details.put("rowsRefunded", refund);
                details.put("state", "FAILED");
                details.put("stopReason", REASON);
                AuditEvent event = events.of(null, "data.extract-stopped", providerOf(conn, agreementId))
                        .agreement(agreementId.toString()).dataset(r.getUUID("dataset_id").toString(), r.getInteger("dataset_version"))
                        .details(details).build();
                conn.preparedQuery("update data_extract set completion_event_id = $2 where id = $1").execute(Tuple.of(id, event.eventId()))
                        .await().atMost(DB);
                outbox.insert(conn, event).await().atMost(DB);
            }
            return abandoned.size();
        });
    }

    private static String providerOf(io.vertx.mutiny.sqlclient.SqlConnection conn, UUID agreementId) {
        var rows = conn.preparedQuery("select provider_department from agreement where id = $1").execute(Tuple.of(agreementId)).await().atMost(DB);
        return rows.iterator().hasNext() ? rows.iterator().next().getString(0) : null;
    }
}
