package org.govdx.exchange.data.usage;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
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
import org.govdx.exchange.data.SerialBatches;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
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

    /** A read waiting for its batch: its agreement, its audit event and observation, and who waits for its flags. */
    private record Observed(UUID agreementId, AuditEvent event, UsageDetector.Observation observation, UniEmitter<? super List<UsageDetector.Kind>> done) {
    }

    /** Reads counted in one transaction at most. */
    private static final int MAX_BATCH = 512;

    private final SerialBatches<Observed, Void> batches = new SerialBatches<>(MAX_BATCH, this::judge, (batch, nothing) -> { },
            (batch, failure) -> batch.forEach(b -> b.done().fail(failure)));

    /**
     * The latest flag of each (agreement, kind) this instance recorded or found: a candidate within its cooldown would
     * be refused by {@link #flag} anyway (flags are never removed), so it is not asked, and a consumer far above its
     * agreement does not cost a transaction per read.
     */
    private final Map<String, Instant> lastFlags = new ConcurrentHashMap<>();

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

    /**
     * Counts the read in its agreement's shared windows and records what it newly flags; the kinds flagged (what
     * {@link #observe} starts). Reads observed while a batch is being counted wait for the next one, which counts them
     * all in one transaction ({@link #count}).
     */
    public Uni<List<UsageDetector.Kind>> check(AuditEvent event) {
        if (event.agreementId() == null || !event.action().startsWith("data.") || event.action().equals("data.usage-anomaly")) {
            return Uni.createFrom().item(List.of());
        }
        UUID agreementId = UUID.fromString(event.agreementId());
        Object rows = event.details() == null ? null : event.details().get("rowCount");
        UsageDetector.Observation o = new UsageDetector.Observation(event.occurredAt(), event.outcome() == AuditEvent.Outcome.ALLOWED,
                rows instanceof Number n ? n.longValue() : 0);
        return Uni.createFrom().emitter(done -> batches.add(new Observed(agreementId, event, o, done)));
    }

    /** One batch: the agreements it needs, its counts in one transaction, then each read judged on its own window. */
    private Uni<Void> judge(List<Observed> batch) {
        Map<UUID, List<Observed>> byAgreement = new LinkedHashMap<>();
        for (Observed b : batch) {
            byAgreement.computeIfAbsent(b.agreementId(), id -> new ArrayList<>()).add(b);
        }
        Uni<Map<UUID, Watched>> known = Uni.createFrom().item(new HashMap<>());
        for (UUID id : byAgreement.keySet()) {
            known = known.flatMap(map -> watched(id).map(w -> {
                w.ifPresent(value -> map.put(id, value));
                return map;
            }));
        }
        return known.flatMap(agreements -> {
            List<Observed> counted = new ArrayList<>();
            for (Observed b : batch) {
                if (agreements.containsKey(b.agreementId())) {
                    counted.add(b);
                } else {
                    b.done().complete(List.of()); // not an agreement of this service's: nothing to watch
                }
            }
            if (counted.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return count(counted).flatMap(windows -> flagAll(counted, windows, agreements));
        });
    }

    /**
     * Judges each read on the window as of itself (the batch's counts less the reads after it in its second) and
     * records what it newly flags: the first candidate of each kind per agreement in the batch goes to {@link #flag},
     * later ones of the batch would find it within the cooldown.
     */
    private Uni<Void> flagAll(List<Observed> counted, List<UsageDetector.Window> windows, Map<UUID, Watched> agreements) {
        List<List<UsageDetector.Kind>> flagged = new ArrayList<>(counted.size());
        Set<String> tried = new HashSet<>();
        Uni<Void> flags = Uni.createFrom().voidItem();
        for (int i = 0; i < counted.size(); i++) {
            Observed b = counted.get(i);
            List<UsageDetector.Kind> kinds = new ArrayList<>();
            flagged.add(kinds);
            Watched w = agreements.get(b.agreementId());
            for (UsageDetector.Anomaly a : UsageDetector.candidates(b.observation(), windows.get(i), w.expectedDailyRows(), policy)) {
                if (!tried.add(flagKey(b.agreementId(), a)) || withinKnownCooldown(b.agreementId(), a)) {
                    continue;
                }
                flags = flags.flatMap(x -> flag(b.agreementId(), w, a, b.event()).invoke(recorded -> {
                    if (recorded) {
                        kinds.add(a.kind());
                    }
                })).replaceWithVoid();
            }
        }
        return flags.invoke(() -> {
            for (int i = 0; i < counted.size(); i++) {
                counted.get(i).done().complete(flagged.get(i));
            }
        });
    }

    /** A flag of this kind for the agreement that this instance recorded or found lies within the cooldown of the candidate. */
    private boolean withinKnownCooldown(UUID agreementId, UsageDetector.Anomaly a) {
        Instant last = lastFlags.get(flagKey(agreementId, a));
        return last != null && last.isAfter(a.at().minus(policy.cooldown()));
    }

    /** One (agreement, kind) of flag: what the cooldown is kept and asked for. */
    private static String flagKey(UUID agreementId, UsageDetector.Anomaly a) {
        return agreementId + "/" + a.kind().name();
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
     * Adds the batch's reads to their agreements' seconds and days and returns, for each read in order, its agreement's
     * counts as of that read. One statement per (agreement, second), all sent together in one transaction, in key order
     * (so two replicas lock the rows in the same order): the day's total comes back from the upsert itself (exact under
     * concurrency, the row is locked), the sliding sums from the seconds before plus the upserted one; a read's own
     * window is that less the reads after it in its second.
     */
    private Uni<List<UsageDetector.Window>> count(List<Observed> counted) {
        TreeMap<String, List<Integer>> keys = new TreeMap<>();
        for (int i = 0; i < counted.size(); i++) {
            Observed b = counted.get(i);
            keys.computeIfAbsent(b.agreementId() + "/" + b.observation().at().truncatedTo(ChronoUnit.SECONDS), k -> new ArrayList<>()).add(i);
        }
        List<Tuple> params = new ArrayList<>(keys.size());
        for (List<Integer> reads : keys.values()) {
            Observed first = counted.get(reads.get(0));
            long rows = 0;
            int allowed = 0;
            int denied = 0;
            for (int i : reads) {
                UsageDetector.Observation o = counted.get(i).observation();
                rows += o.allowed() ? o.rows() : 0;
                allowed += o.allowed() ? 1 : 0;
                denied += o.allowed() ? 0 : 1;
            }
            Instant second = first.observation().at().truncatedTo(ChronoUnit.SECONDS);
            params.add(Tuple.tuple().addUUID(first.agreementId()).addLocalDate(first.observation().at().atZone(CHINA).toLocalDate()).addLong(rows)
                    .addOffsetDateTime(second.atOffset(ZoneOffset.UTC)).addInteger(allowed).addInteger(denied).addLong(policy.denialWindow().toSeconds()));
        }
        // The day and second rows are hot (every read of the agreement updates them) and their lock is held until the
        // commit. These counters are a detection heuristic, not a record (the audit event is, durably): they commit
        // asynchronously, so a crash may forget the last fraction of a second of them, never an access (decision 0045).
        return pool.withTransaction(conn -> conn.query("set local synchronous_commit = off").execute()
                .flatMap(ignored -> conn.preparedQuery("with d as (insert into usage_day (agreement_id, day, rows_delivered) values ($1, $2, $3) "
                        + "on conflict (agreement_id, day) do update set rows_delivered = usage_day.rows_delivered + excluded.rows_delivered returning rows_delivered), "
                        + "s as (insert into usage_second (agreement_id, second, reads, denials) values ($1, $4, $5, $6) "
                        + "on conflict (agreement_id, second) do update set reads = usage_second.reads + excluded.reads, denials = usage_second.denials + excluded.denials "
                        + "returning reads, denials) "
                        + "select (select rows_delivered from d), "
                        + "(select reads from s) + coalesce((select sum(reads) from usage_second where agreement_id = $1 and second > $4 - interval '1 minute' and second < $4), 0), "
                        + "(select denials from s) + coalesce((select sum(denials) from usage_second where agreement_id = $1 and second > $4 - make_interval(secs => $7) and second < $4), 0)")
                .executeBatch(params))).map(results -> {
                    UsageDetector.Window[] windows = new UsageDetector.Window[counted.size()];
                    RowSet<Row> result = results;
                    for (List<Integer> reads : keys.values()) {
                        Row r = result.iterator().next();
                        long rowsToday = r.getLong(0);
                        long readsInMinute = r.getLong(1);
                        long denialsInWindow = r.getLong(2);
                        // from the last read of the second back to its first, each without the reads after it
                        for (int j = reads.size() - 1; j >= 0; j--) {
                            UsageDetector.Observation o = counted.get(reads.get(j)).observation();
                            windows[reads.get(j)] = new UsageDetector.Window(rowsToday, readsInMinute, denialsInWindow);
                            rowsToday -= o.allowed() ? o.rows() : 0;
                            readsInMinute -= o.allowed() ? 1 : 0;
                            denialsInWindow -= o.allowed() ? 0 : 1;
                        }
                        result = result.next();
                    }
                    return List.of(windows);
                });
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
                .flatMap(locked -> conn.preparedQuery("select max(flagged_at) from usage_flag where agreement_id = $1 and kind = $2 and flagged_at > $3")
                        .execute(Tuple.of(agreementId, a.kind().name(), a.at().minus(policy.cooldown()).atOffset(ZoneOffset.UTC))))
                .flatMap(recent -> {
                    java.time.OffsetDateTime last = recent.iterator().next().getOffsetDateTime(0);
                    if (last != null) {
                        lastFlags.merge(flagKey(agreementId, a), last.toInstant(), (x, y) -> x.isAfter(y) ? x : y);
                        return Uni.createFrom().item(false);
                    }
                    return record(conn, agreementId, w, a, event);
                }))
                .invoke(recorded -> {
                    if (recorded) {
                        lastFlags.merge(flagKey(agreementId, a), a.at(), (x, y) -> x.isAfter(y) ? x : y);
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
