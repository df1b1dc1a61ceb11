package org.govdx.exchange.data.extract;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Stops running exports when their agreement stops authorising them (DOMAIN rule 5; issue 5 item 9): every
 * {@code govdx.data.extract-watch-interval} (200 ms) while an export runs, ONE query reads the state and term of
 * every agreement with a running export; an agreement that is no longer ACTIVE (suspended, revoked, expired,
 * superseded), deleted, or past the end of its term cancels its exports. A short poll rather than LISTEN/NOTIFY:
 * the state may change on another instance or by the expiry job, and a poll needs no trigger and no dedicated
 * connection; it costs one indexed query per interval only while exports run. Worst case to stop: one interval
 * plus the query, well under a second.
 */
@ApplicationScoped
public class AgreementWatch {

    private static final Logger LOG = Logger.getLogger(AgreementWatch.class);
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @Inject
    Pool pool;

    @ConfigProperty(name = "govdx.data.extract-watch-interval", defaultValue = "200ms")
    Duration interval;

    /** One watched export: its agreement and what to do when it must stop (the reason: the agreement's state or EXPIRED). */
    record Watched(UUID agreementId, Consumer<String> stop) {
    }

    /** How often this instance marks its running exports alive ({@code data_extract.heartbeat_at}; see AbandonedExports). */
    @ConfigProperty(name = "govdx.data.extract-heartbeat-interval", defaultValue = "5s")
    Duration heartbeat;

    private final Map<UUID, Watched> running = new ConcurrentHashMap<>();
    private long lastHeartbeat = System.nanoTime();
    private ScheduledExecutorService timer;
    private ScheduledFuture<?> task;

    /** Watches export {@code extractId} until {@link #release}; {@code stop} runs at most once, on the watch thread. */
    public synchronized void watch(UUID extractId, UUID agreementId, Consumer<String> stop) {
        running.put(extractId, new Watched(agreementId, stop));
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "extract-agreement-watch");
                t.setDaemon(true);
                return t;
            });
        }
        if (task == null) {
            task = timer.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    public synchronized void release(UUID extractId) {
        running.remove(extractId);
        if (running.isEmpty() && task != null) {
            task.cancel(false);
            task = null;
        }
    }

    void check() {
        try {
            if (running.isEmpty()) {
                return;
            }
            UUID[] ids = running.values().stream().map(Watched::agreementId).distinct().toArray(UUID[]::new);
            Map<UUID, String> stopReasons = new ConcurrentHashMap<>();
            for (UUID id : ids) {
                stopReasons.put(id, "GONE");
            }
            LocalDate today = LocalDate.now(CHINA);
            for (Row r : pool.preparedQuery("select id, state, term_end from agreement where id = any($1)").execute(Tuple.of(ids))
                    .await().atMost(Duration.ofSeconds(5))) {
                String state = r.getString(1);
                boolean pastTerm = r.getLocalDate(2).isBefore(today); // the term is inclusive of its last day, China time
                if ("ACTIVE".equals(state) && !pastTerm) {
                    stopReasons.remove(r.getUUID(0));
                } else {
                    stopReasons.put(r.getUUID(0), "ACTIVE".equals(state) ? "EXPIRED" : state);
                }
            }
            for (Map.Entry<UUID, Watched> e : running.entrySet()) {
                String reason = stopReasons.get(e.getValue().agreementId());
                if (reason != null && running.remove(e.getKey()) != null) {
                    e.getValue().stop().accept(reason);
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("agreement watch: %s", e.toString());
        }
        beat();
    }

    /** Marks this instance's running exports alive (after the stop check, and never in its way). */
    private void beat() {
        if (running.isEmpty() || System.nanoTime() - lastHeartbeat < heartbeat.toNanos()) {
            return;
        }
        lastHeartbeat = System.nanoTime();
        try {
            pool.preparedQuery("update data_extract set heartbeat_at = now() where id = any($1) and state = 'RUNNING'")
                    .execute(Tuple.of(running.keySet().toArray(UUID[]::new))).await().atMost(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.warnf("export heartbeat: %s", e.toString());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
