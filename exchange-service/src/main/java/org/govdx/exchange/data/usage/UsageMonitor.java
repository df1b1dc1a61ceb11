package org.govdx.exchange.data.usage;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.govdx.common.events.AuditEvent;
import org.govdx.common.events.AuditEvents;
import org.govdx.common.identity.Caller;
import org.govdx.common.outbox.Outbox;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches every governed read (allowed or refused, as its audit event) for usage that does not fit the
 * agreement ({@link UsageDetector}); a flag becomes a {@code usage_flag} row and a {@code data.usage-anomaly}
 * audit event of the provider department, in one transaction through the outbox, so the provider's CDO
 * ({@code GET /api/exchange/usage-flags}) and auditors (the audit log) see it.
 *
 * <p>The windows live in the database every replica shares (decision 0045): one statement adds the read to its
 * agreement's second ({@code usage_second}) and day ({@code usage_day}) and returns the agreement's counts with it,
 * so with n replicas each read is judged on all of the agreement's calls. Each kind is flagged at most once per
 * cooldown across replicas: the flag's transaction takes an advisory lock on (agreement, kind) and looks for a
 * flag within the cooldown first. The work runs asynchronously on the pool: the read it watches neither waits for
 * it nor fails with it.
 */
@ApplicationScoped
public class UsageMonitor {

    private static final Logger LOG = Logger.getLogger(UsageMonitor.class);
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @Inject
    Pool pool;

    @Inject
    AuditEvents events;

    @Inject
    Outbox outbox;

    @ConfigProperty(name = "govdx.usage.volume-factor", defaultValue = "3.0")
    double volumeFactor;
    @ConfigProperty(name = "govdx.usage.max-reads-per-minute", defaultValue = "120")
    int maxReadsPerMinute;
    @ConfigProperty(name = "govdx.usage.denial-burst", defaultValue = "5")
    int denialBurst;
    @ConfigProperty(name = "govdx.usage.denial-window", defaultValue = "PT5M")
    Duration denialWindow;
    @ConfigProperty(name = "govdx.usage.quiet-start", defaultValue = "22:00")
    String quietStart;
    @ConfigProperty(name = "govdx.usage.quiet-end", defaultValue = "06:00")
    String quietEnd;
    @ConfigProperty(name = "govdx.usage.cooldown", defaultValue = "PT1H")
    Duration cooldown;

    UsageDetector.Policy policy;

    /** What a flag needs to know of an agreement (it does not change once signed). */
    record Watched(String consumer, String provider, long expectedDailyRows) {
    }

    private final Map<UUID, Watched> watched = new ConcurrentHashMap<>();

    @PostConstruct
    void init() {
        policy = new UsageDetector.Policy(volumeFactor, maxReadsPerMinute, denialBurst, denialWindow, LocalTime.parse(quietStart), LocalTime.parse(quietEnd),
                CHINA, cooldown);
    }

    /** A second monitor on the same database, as another replica of the service has (for tests of the shared windows). */
    public UsageMonitor replica() {
        UsageMonitor other = new UsageMonitor();
        other.pool = pool;
        other.events = events;
        other.outbox = outbox;
        other.policy = policy;
        return other;
    }

    /** Observes a governed read's audit event (committed or recorded); flags what does not fit, in the background. */
    public void observe(AuditEvent event) {
        Uni<List<UsageDetector.Kind>> work;
        try {
            work = check(event);
        } catch (RuntimeException e) {
            work = Uni.createFrom().failure(e);
        }
        work.subscribe().with(flags -> { }, e -> LOG.warnf("usage monitoring of agreement %s failed: %s", event.agreementId(), e.toString()));
    }

    /** Counts the read in its agreement's shared windows and records what it newly flags; the kinds flagged (what {@link #observe} starts). */
    public Uni<List<UsageDetector.Kind>> check(AuditEvent event) {
        if (event.agreementId() == null || !event.action().startsWith("data.") || event.action().equals("data.usage-anomaly")) {
            return Uni.createFrom().item(List.of());
        }
        UUID agreementId = UUID.fromString(event.agreementId());
        Object rows = event.details() == null ? null : event.details().get("rowCount");
        UsageDetector.Observation o = new UsageDetector.Observation(event.occurredAt(), event.outcome() == AuditEvent.Outcome.ALLOWED,
                rows instanceof Number n ? n.longValue() : 0);
        return watched(agreementId).flatMap(w -> w.isEmpty() ? Uni.createFrom().item(List.<UsageDetector.Kind>of()) : count(agreementId, o)
                .flatMap(window -> {
                    List<UsageDetector.Anomaly> candidates = UsageDetector.candidates(o, window, w.get().expectedDailyRows(), policy);
                    Uni<List<UsageDetector.Kind>> flagged = Uni.createFrom().item(new ArrayList<>());
                    for (UsageDetector.Anomaly a : candidates) {
                        flagged = flagged.flatMap(done -> flag(agreementId, w.get(), a, event).map(recorded -> {
                            if (recorded) {
                                done.add(a.kind());
                            }
                            return done;
                        }));
                    }
                    return flagged;
                }));
    }

    private Uni<Optional<Watched>> watched(UUID agreementId) {
        Watched known = watched.get(agreementId);
        if (known != null) {
            return Uni.createFrom().item(Optional.of(known));
        }
        return pool.preparedQuery("select consumer_department, provider_department, (document::jsonb ->> 'expectedDailyVolume')::bigint from agreement where id = $1")
                .execute(Tuple.of(agreementId)).map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Optional.<Watched>empty();
                    }
                    Row r = rows.iterator().next();
                    Long expected = r.getLong(2);
                    Watched w = new Watched(r.getString(0), r.getString(1), expected == null ? 0 : expected);
                    watched.put(agreementId, w);
                    return Optional.of(w);
                });
    }

    /**
     * Adds the observation to its agreement's second and day and returns the agreement's counts including it, in one
     * statement: the day's total comes back from the upsert itself (exact under concurrency, the row is locked), the
     * sliding sums from the seconds before this one plus this one's upserted count.
     */
    private Uni<UsageDetector.Window> count(UUID agreementId, UsageDetector.Observation o) {
        Instant second = o.at().truncatedTo(ChronoUnit.SECONDS);
        Tuple params = Tuple.tuple().addUUID(agreementId).addLocalDate(o.at().atZone(CHINA).toLocalDate()).addLong(o.allowed() ? o.rows() : 0)
                .addOffsetDateTime(second.atOffset(ZoneOffset.UTC)).addInteger(o.allowed() ? 1 : 0).addInteger(o.allowed() ? 0 : 1)
                .addLong(policy.denialWindow().toSeconds());
        // The day and second rows are hot (every read of the agreement updates them) and their lock is held until the
        // commit: with a WAL flush in every commit, reads of one agreement queued behind each other's fsync (governed-read
        // measured ~1/fsync reads/s). These counters are a detection heuristic, not a record (the audit event is, durably):
        // they commit asynchronously, so a crash may forget the last fraction of a second of them, never an access.
        return pool.withTransaction(conn -> conn.query("set local synchronous_commit = off").execute()
                .flatMap(ignored -> conn.preparedQuery("with d as (insert into usage_day (agreement_id, day, rows_delivered) values ($1, $2, $3) "
                        + "on conflict (agreement_id, day) do update set rows_delivered = usage_day.rows_delivered + excluded.rows_delivered returning rows_delivered), "
                        + "s as (insert into usage_second (agreement_id, second, reads, denials) values ($1, $4, $5, $6) "
                        + "on conflict (agreement_id, second) do update set reads = usage_second.reads + excluded.reads, denials = usage_second.denials + excluded.denials "
                        + "returning reads, denials) "
                        + "select (select rows_delivered from d), "
                        + "(select reads from s) + coalesce((select sum(reads) from usage_second where agreement_id = $1 and second > $4 - interval '1 minute' and second < $4), 0), "
                        + "(select denials from s) + coalesce((select sum(denials) from usage_second where agreement_id = $1 and second > $4 - make_interval(secs => $7) and second < $4), 0)")
                .execute(params)).map(rows -> {
                    Row r = rows.iterator().next();
                    return new UsageDetector.Window(r.getLong(0), r.getLong(1), r.getLong(2));
                }));
    }

    /** Records a flag unless one of its kind for the agreement is within the cooldown (whichever replica raised it); true if recorded. */
    private Uni<Boolean> flag(UUID agreementId, Watched w, UsageDetector.Anomaly a, AuditEvent cause) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kind", a.kind().name());
        details.put("consumerDepartment", w.consumer());
        details.put("observed", a.observed());
        details.put("causedBy", cause.eventId().toString());
        AuditEvent.Actor actor = cause.actor();
        Caller who = actor == null ? null : new Caller(actor.subject(), actor.username(), actor.username(), actor.department(),
                actor.roles() == null ? java.util.Set.of() : new HashSet<>(actor.roles()), actor.clientId());
        AuditEvent event = events.of(who, "data.usage-anomaly", w.provider()).agreement(agreementId.toString())
                .dataset(cause.datasetId(), cause.datasetVersion()).reason(a.kind().name()).details(details).build();
        return pool.withTransaction(conn -> conn.preparedQuery("select pg_advisory_xact_lock(hashtextextended($1, 0))")
                .execute(Tuple.of("usage-flag/" + agreementId + "/" + a.kind().name()))
                .flatMap(locked -> conn.preparedQuery("select 1 from usage_flag where agreement_id = $1 and kind = $2 and flagged_at > $3")
                        .execute(Tuple.of(agreementId, a.kind().name(), a.at().minus(policy.cooldown()).atOffset(ZoneOffset.UTC))))
                .flatMap(recent -> recent.iterator().hasNext() ? Uni.createFrom().item(false) : record(conn, agreementId, w, a, event)))
                .invoke(recorded -> {
                    if (recorded) {
                        LOG.infof("usage of agreement %s flagged: %s", agreementId, a.kind());
                    }
                });
    }

    private Uni<Boolean> record(SqlConnection conn, UUID agreementId, Watched w, UsageDetector.Anomaly a, AuditEvent event) {
        return conn.preparedQuery("insert into usage_flag (id, agreement_id, provider_department, consumer_department, kind, observed, flagged_at, audit_event_id) "
                        + "values ($1, $2, $3, $4, $5, $6, $7, $8)")
                .execute(Tuple.tuple().addUUID(UUID.randomUUID()).addUUID(agreementId).addString(w.provider()).addString(w.consumer())
                        .addString(a.kind().name()).addValue(new JsonObject(a.observed())).addOffsetDateTime(a.at().atOffset(ZoneOffset.UTC))
                        .addUUID(event.eventId()))
                .flatMap(x -> outbox.insert(conn, event)).replaceWith(true);
    }

    /** Seconds older than a day are no window's any more. */
    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> prune() {
        return pool.query("delete from usage_second where second < now() - interval '1 day'").execute().replaceWithVoid()
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
