package org.govdx.exchange.data.usage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.govdx.common.events.AuditEvent;
import org.govdx.common.events.AuditEvents;
import org.govdx.common.identity.Caller;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches every governed read (allowed or refused, as its audit event) for usage that does not fit the
 * agreement ({@link UsageDetector}); a flag becomes a {@code usage_flag} row and a {@code data.usage-anomaly}
 * audit event of the provider department, in one transaction through the outbox, so the provider's CDO
 * ({@code GET /api/exchange/usage-flags}) and auditors (the audit log) see it. The sliding windows are kept
 * per service instance: with n replicas each sees about 1/n of an agreement's calls (decision 0045).
 * A monitoring failure never fails the read it watches.
 */
@ApplicationScoped
public class UsageMonitor {

    private static final Logger LOG = Logger.getLogger(UsageMonitor.class);
    private static final Duration DB = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @Inject
    AuditEvents events;

    @Inject
    ObjectMapper mapper;

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

    private UsageDetector.Policy policy;

    private record Watched(String consumer, String provider, UsageDetector.State state) {
    }

    private final Map<UUID, Watched> watched = new ConcurrentHashMap<>();

    @PostConstruct
    void init() {
        policy = new UsageDetector.Policy(volumeFactor, maxReadsPerMinute, denialBurst, denialWindow, LocalTime.parse(quietStart), LocalTime.parse(quietEnd),
                ZoneId.of("Asia/Shanghai"), cooldown);
    }

    /** Observes a governed read's audit event (committed or recorded); flags what does not fit. */
    public void observe(AuditEvent event) {
        try {
            if (event.agreementId() == null || !event.action().startsWith("data.") || event.action().equals("data.usage-anomaly")) {
                return;
            }
            UUID agreementId = UUID.fromString(event.agreementId());
            Watched w = watched.computeIfAbsent(agreementId, this::load);
            if (w == null) {
                return;
            }
            Object rows = event.details() == null ? null : event.details().get("rowCount");
            List<UsageDetector.Anomaly> flags;
            synchronized (w.state()) {
                flags = UsageDetector.observe(w.state(), new UsageDetector.Observation(event.occurredAt(), event.outcome() == AuditEvent.Outcome.ALLOWED,
                        rows instanceof Number n ? n.longValue() : 0), policy);
            }
            for (UsageDetector.Anomaly a : flags) {
                record(agreementId, w, a, event);
            }
        } catch (RuntimeException e) {
            LOG.warnf("usage monitoring of agreement %s failed: %s", event.agreementId(), e.toString());
        }
    }

    private Watched load(UUID agreementId) {
        RowSet<Row> rows = pool.preparedQuery("select consumer_department, provider_department, (document::jsonb ->> 'expectedDailyVolume')::bigint from agreement where id = $1")
                .execute(Tuple.of(agreementId)).await().atMost(DB);
        if (!rows.iterator().hasNext()) {
            return null;
        }
        Row r = rows.iterator().next();
        Long expected = r.getLong(2);
        return new Watched(r.getString(0), r.getString(1), new UsageDetector.State(expected == null ? 0 : expected));
    }

    private void record(UUID agreementId, Watched w, UsageDetector.Anomaly a, AuditEvent cause) {
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
        pool.withTransaction(conn -> conn.preparedQuery("insert into usage_flag (id, agreement_id, provider_department, consumer_department, kind, observed, flagged_at, audit_event_id) "
                                + "values ($1, $2, $3, $4, $5, $6, $7, $8)")
                        .execute(Tuple.tuple().addUUID(UUID.randomUUID()).addUUID(agreementId).addString(w.provider()).addString(w.consumer())
                                .addString(a.kind().name()).addValue(new io.vertx.core.json.JsonObject(a.observed())).addOffsetDateTime(a.at().atOffset(java.time.ZoneOffset.UTC)).addUUID(event.eventId()))
                        .flatMap(x -> conn.preparedQuery("insert into outbox_event (event_id, action, payload) values ($1, $2, $3)")
                                .execute(Tuple.of(event.eventId(), event.action(), json(event)))))
                .await().atMost(DB);
        LOG.infof("usage of agreement %s flagged: %s", agreementId, a.kind());
    }

    private String json(Object o) {
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
