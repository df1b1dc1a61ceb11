package org.govdx.exchange.data.extract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpConnection;
import io.vertx.ext.web.RoutingContext;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.govdx.common.events.AuditEvent;
import org.govdx.common.events.AuditEvents;
import org.govdx.common.identity.Caller;
import org.govdx.exchange.catalog.CatalogDataset;
import org.govdx.common.outbox.Outbox;
import org.govdx.common.problem.ProblemException;
import org.govdx.exchange.data.AgreementKeys;
import org.govdx.exchange.data.BlockingTransaction;
import org.govdx.exchange.data.proxy.ProviderClient;
import org.govdx.exchange.data.proxy.ProviderEndpoint;
import org.govdx.exchange.data.proxy.ProviderFailure;
import org.govdx.exchange.data.proxy.ProxiedData;
import org.govdx.exchange.data.proxy.ProxyEndpointService;
import org.govdx.exchange.data.GovernedReadService;
import org.govdx.exchange.data.HostedColumns;
import org.govdx.exchange.data.GrantMapping;
import org.govdx.rules.extract.ExtractFormat;
import org.govdx.rules.extract.ExtractRows;
import org.govdx.rules.masking.Masker;
import org.govdx.rules.masking.MaskingStrategy;
import org.govdx.rules.policy.Plan;
import org.govdx.rules.policy.PlanExecutor;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * EXTRACT (DOMAIN rule 4, "obtainable but not removable"; decision 0041). After the policy decision point allowed the
 * call, ONE transaction reserves the rest of the day's row quota, records the export ({@code data_extract}) and writes
 * the {@code data.extract} audit event to the outbox; it commits before the response (and so its first byte) is
 * sent. The rows then stream from a server-side cursor through {@link ExtractStream}, masked by the plan with the
 * agreement's pseudonym key and marked with its watermark; the row count and the SHA-256 of the bytes sent are
 * recorded at the end with a second event ({@code data.extract-completed} or {@code data.extract-stopped}).
 */
@ApplicationScoped
public class ExtractService {

    static final Duration DB = Duration.ofSeconds(60);
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** Rows of a proxied export masked and sent together: small, so rows a provider trickles are not held back long. */
    static final int PROXIED_BATCH = 500;

    @Inject
    Pool pool;

    @Inject
    AuditEvents events;

    @Inject
    ObjectMapper mapper;

    @Inject
    AgreementKeys keys;

    @Inject
    AgreementWatch watch;

    @Inject
    Outbox outbox;

    @Inject
    ProxyEndpointService endpoints;

    @Inject
    ProviderClient providers;

    @Inject
    CurrentVertxRequest currentRequest;

    @ConfigProperty(name = "govdx.data.extract-fetch-size", defaultValue = "2000")
    int fetchSize;

    /** Threads that mask one fetch (0: one per processor). */
    @ConfigProperty(name = "govdx.data.extract-parallelism", defaultValue = "0")
    int parallelism;

    int parallelism() {
        return parallelism > 0 ? parallelism : Runtime.getRuntime().availableProcessors();
    }

    /** Starts an allowed export; the outcome's stream writes the rows when the response is sent. */
    public GovernedReadService.Outcome start(Caller caller, GrantMapping.AgreementRow agreement, CatalogDataset dataset, Plan plan, ExtractFormat format,
                                             String requestHash, Optional<String> caseReference, Optional<String> onBehalfOf, String purpose) {
        List<String> carriers = new ArrayList<>();
        List<String> pseudonymised = new ArrayList<>();
        for (String f : plan.projection()) {
            CatalogDataset.Field field = dataset.field(f).orElseThrow();
            if (plan.maskingOf(f).isClear() && "DECIMAL".equals(field.type()) && !field.key()) {
                carriers.add(f);
            }
            if (plan.maskingOf(f).strategy() == MaskingStrategy.PSEUDONYM) {
                pseudonymised.add(f);
            }
        }
        ExtractRows rows = new ExtractRows(plan, keys.masker(agreement.id()), keys.watermark(agreement.id()), java.util.Set.copyOf(carriers));
        Map<String, Object> watermark = new LinkedHashMap<>();
        watermark.put("markedFields", rows.carriers().stream().sorted().toList());
        watermark.put("pseudonymisedFields", pseudonymised);

        UUID extractId = UUID.randomUUID();
        LocalDate today = LocalDate.now(CHINA);
        OptionalLong quota = plan.limits().dailyRowQuota();
        // a proxied export opens the provider's first page before anything is recorded: a provider that is down is a problem, not an export
        ProxiedSource proxiedSource = ProxiedData.isProxied(dataset) ? openProxied(dataset, plan) : null;
        AuditEvent event;
        long reserved;
        try {
            Reservation r = BlockingTransaction.run(pool, DB, conn -> reserve(conn, caller, agreement, plan, format, watermark, extractId, today, quota,
                    requestHash, caseReference, onBehalfOf, purpose));
            if (r == null) {
                closeQuietly(proxiedSource);
                return quotaSpent(caller, agreement, requestHash, caseReference, onBehalfOf, purpose, today);
            }
            event = r.event();
            reserved = r.rows();
        } catch (RuntimeException e) {
            closeQuietly(proxiedSource);
            throw e;
        }

        Supplier<ExtractSource<?>> opener;
        if (proxiedSource != null) {
            opener = () -> proxiedSource;
        } else {
            List<Object> params = new ArrayList<>(List.of(agreement.datasetId(), agreement.datasetVersion()));
            HostedColumns columns = HostedColumns.of(plan.projection(), dataset);
            StringBuilder sql = new StringBuilder("select ").append(columns.selectList())
                    .append(" from hosted_row where dataset_id = $1 and dataset_version = $2");
            GrantMapping.appendRowFilter(sql, params, plan, dataset);
            GrantMapping.appendOrder(sql, plan, dataset);
            String query = sql.toString();
            opener = () -> new HostedSource(pool, query, params, columns, fetchSize, DB);
        }
        RoutingContext rc = routingContext();
        HttpConnection connection = rc == null ? null : rc.request().connection();
        ExtractStream stream = new ExtractStream(this, extractId, caller, agreement, plan, format, rows, opener,
                quota.isPresent() ? reserved : Long.MAX_VALUE, quota.isPresent(), today, requestHash, caseReference, onBehalfOf, purpose, connection,
                rc == null ? null : rc.response());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Extract-Id", extractId.toString());
        headers.put("Content-Disposition", "attachment; filename=\"extract-" + extractId + (format == ExtractFormat.CSV ? ".csv" : ".ndjson") + "\"");
        if (quota.isPresent()) {
            headers.put("X-Row-Limit", Long.toString(reserved));
        }
        return new GovernedReadService.Outcome(200, null, format.mediaType() + "; charset=utf-8", event.eventId(), requestHash, headers, stream);
    }

    /** What the opening transaction reserved: the rows of the day's quota (Long.MAX_VALUE without one) and the data.extract event. */
    private record Reservation(long rows, AuditEvent event) {
    }

    /**
     * The opening transaction's work: reserves the rest of the day's quota, records the export and its data.extract
     * event (outbox); null when the quota is spent (nothing is recorded but the day's quota row).
     */
    private Reservation reserve(SqlConnection conn, Caller caller, GrantMapping.AgreementRow agreement, Plan plan, ExtractFormat format,
                                Map<String, Object> watermark, UUID extractId, LocalDate today, OptionalLong quota, String requestHash,
                                Optional<String> caseReference, Optional<String> onBehalfOf, String purpose) {
        long reserved = Long.MAX_VALUE;
        if (quota.isPresent()) {
            conn.preparedQuery("insert into data_quota (agreement_id, day, rows_used) values ($1, $2, 0) on conflict do nothing")
                    .execute(Tuple.of(agreement.id(), today)).await().atMost(DB);
            long used = conn.preparedQuery("select rows_used from data_quota where agreement_id = $1 and day = $2 for update")
                    .execute(Tuple.of(agreement.id(), today)).await().atMost(DB).iterator().next().getLong(0);
            reserved = quota.getAsLong() - used;
            if (reserved <= 0) {
                return null;
            }
            // the whole rest of the day's quota is reserved now, so two exports at once cannot both spend it; the end refunds what was not sent
            conn.preparedQuery("update data_quota set rows_used = rows_used + $3 where agreement_id = $1 and day = $2")
                    .execute(Tuple.of(agreement.id(), today, reserved)).await().atMost(DB);
        }
        Map<String, Object> details = details(requestHash, caseReference, onBehalfOf, purpose);
        details.put("extractId", extractId.toString());
        details.put("format", format.name());
        details.put("watermark", watermark);
        if (quota.isPresent()) {
            details.put("rowLimit", reserved);
        }
        AuditEvent event = events.of(caller, "data.extract", agreement.providerDepartment()).agreement(agreement.id().toString())
                .dataset(agreement.datasetId().toString(), agreement.datasetVersion()).fields(plan.projection()).details(details).build();
        conn.preparedQuery("insert into data_extract (id, agreement_id, dataset_id, dataset_version, department, principal, on_behalf_of, purpose, "
                        + "case_reference, format, fields, watermark, request_hash, audit_event_id, rows_reserved, state, started_at) "
                        + "values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 'RUNNING', $16)")
                .execute(Tuple.from(Arrays.asList(extractId, agreement.id(), agreement.datasetId(), agreement.datasetVersion(), caller.department(),
                        caller.principal(), onBehalfOf.orElse(null), purpose == null ? "" : purpose, caseReference.orElse(null), format.name(),
                        json(plan.projection()), json(watermark), requestHash, event.eventId(), quota.isPresent() ? reserved : -1L,
                        OffsetDateTime.now(ZoneOffset.UTC)))).await().atMost(DB);
        outbox.insert(conn, event).await().atMost(DB);
        return new Reservation(reserved, event);
    }

    /**
     * The provider's first page for a proxied export ({@link ProviderFailure} when it cannot be read). Proxied rows come
     * in the provider's order: an export that asks for another order would need them all in memory, so it is refused.
     */
    private ProxiedSource openProxied(CatalogDataset dataset, Plan plan) {
        if (!plan.sort().isEmpty()) {
            throw ProblemException.unprocessable("proxied-extract-sorted", "A proxied export comes in the provider's order",
                    "An EXTRACT of a proxied dataset is written in the provider's order as it arrives; leave out sort");
        }
        ProviderEndpoint endpoint = endpoints.endpoint(dataset.id(), dataset.version())
                .orElseThrow(() -> new ProviderFailure(ProviderFailure.Kind.NOT_REGISTERED, "no endpoint"));
        return new ProxiedSource(providers, endpoint, dataset, new PlanExecutor(plan, Masker.withoutPseudonymKey()), plan.projection(), Math.min(fetchSize, PROXIED_BATCH));
    }

    private static void closeQuietly(ProxiedSource source) {
        if (source != null) {
            source.close();
        }
    }

    private RoutingContext routingContext() {
        try {
            return currentRequest.getCurrent();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private GovernedReadService.Outcome quotaSpent(Caller caller, GrantMapping.AgreementRow agreement, String requestHash, Optional<String> caseReference,
                                                   Optional<String> onBehalfOf, String purpose, LocalDate today) {
        AuditEvent event = events.of(caller, "data.extract", agreement.providerDepartment()).agreement(agreement.id().toString())
                .dataset(agreement.datasetId().toString(), agreement.datasetVersion()).denied("DAILY_ROW_QUOTA_SPENT")
                .details(details(requestHash, caseReference, onBehalfOf, purpose)).build();
        outbox.insert(pool, event).await().atMost(DB);
        ZonedDateTime reset = today.plusDays(1).atStartOfDay(CHINA);
        long seconds = Math.max(1, Duration.between(ZonedDateTime.now(CHINA), reset).getSeconds());
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "https://govdx.example/problems/daily-row-quota-spent");
        p.put("title", "daily row quota spent");
        p.put("status", 429);
        p.put("detail", "The agreement's daily row quota is spent; it resets at " + reset.toOffsetDateTime());
        return new GovernedReadService.Outcome(429, json(p).getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/problem+json",
                event.eventId(), requestHash, Map.of("Retry-After", Long.toString(seconds), "X-Quota-Reset", reset.toOffsetDateTime().toString()));
    }

    /**
     * Records that up to {@code rows} rows of a running export may have left, before they are sent, and that its
     * instance is alive: what {@link AbandonedExports} counts as delivered if this instance dies mid-export.
     */
    void account(UUID extractId, long rows) {
        pool.preparedQuery("update data_extract set rows_accounted = $2, heartbeat_at = now() where id = $1")
                .execute(Tuple.of(extractId, rows)).await().atMost(DB);
    }

    /** Records the end of an export: row count, response hash, state, the unused reservation refunded, the second audit event. */
    void finish(ExtractStream s, String state, String stopReason, long rowsWritten, String responseHash) {
        Map<String, Object> details = details(s.requestHash, s.caseReference, s.onBehalfOf, s.purpose);
        details.put("extractId", s.extractId.toString());
        details.put("rowCount", rowsWritten);
        details.put("responseHash", responseHash);
        details.put("state", state);
        if (stopReason != null) {
            details.put("stopReason", stopReason);
        }
        AuditEvent event = events.of(s.caller, "COMPLETED".equals(state) ? "data.extract-completed" : "data.extract-stopped",
                        s.agreement.providerDepartment()).agreement(s.agreement.id().toString())
                .dataset(s.agreement.datasetId().toString(), s.agreement.datasetVersion()).fields(s.plan.projection()).details(details).build();
        BlockingTransaction.run(pool, DB, conn -> {
            conn.preparedQuery("update data_extract set state = $2, stop_reason = $3, rows_written = $4, response_hash = $5, completion_event_id = $6, "
                            + "finished_at = $7 where id = $1")
                    .execute(Tuple.from(Arrays.asList(s.extractId, state, stopReason, rowsWritten, responseHash, event.eventId(),
                            OffsetDateTime.now(ZoneOffset.UTC)))).await().atMost(DB);
            if (s.quotaCounted && s.rowLimit > rowsWritten) {
                conn.preparedQuery("update data_quota set rows_used = greatest(0, rows_used - $3) where agreement_id = $1 and day = $2")
                        .execute(Tuple.of(s.agreement.id(), s.quotaDay, s.rowLimit - rowsWritten)).await().atMost(DB);
            }
            return outbox.insert(conn, event).await().atMost(DB);
        });
    }

    static Map<String, Object> details(String requestHash, Optional<String> caseReference, Optional<String> onBehalfOf, String purpose) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("mode", "EXTRACT");
        d.put("requestHash", requestHash);
        caseReference.ifPresent(c -> d.put("caseReference", c));
        onBehalfOf.ifPresent(c -> d.put("onBehalfOf", c));
        if (purpose != null) {
            d.put("purpose", purpose);
        }
        return d;
    }

    String json(Object o) {
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
