package org.govdx.exchange.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.govdx.common.events.AuditEvent;
import org.govdx.common.events.AuditEvents;
import org.govdx.common.identity.Caller;
import org.govdx.common.json.CanonicalJson;
import org.govdx.common.outbox.Outbox;
import org.govdx.common.web.TraceIds;
import org.govdx.exchange.catalog.CatalogDataset;
import org.govdx.exchange.data.extract.ExtractService;
import org.govdx.exchange.data.proxy.ProviderFailure;
import org.govdx.exchange.data.proxy.ProxiedData;
import org.govdx.exchange.data.proxy.ProxiedRows;
import org.govdx.exchange.data.usage.UsageMonitor;
import org.govdx.rules.classification.AccessMode;
import org.govdx.rules.extract.ExtractFormat;
import org.govdx.rules.filter.Filter;
import org.govdx.rules.filter.FilterSyntaxException;
import org.govdx.rules.masking.Masker;
import org.govdx.rules.policy.AggregateFunction;
import org.govdx.rules.policy.AggregateOp;
import org.govdx.rules.policy.DataRequest;
import org.govdx.rules.policy.Decision;
import org.govdx.rules.policy.DenyReason;
import org.govdx.rules.policy.DifferencingGuard;
import org.govdx.rules.policy.Grant;
import org.govdx.rules.policy.Plan;
import org.govdx.rules.policy.PlanExecutor;
import org.govdx.rules.policy.PolicyDecisionPoint;
import org.govdx.rules.policy.SortKey;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Governed reads (issue 5, part 2: VIEW, AGGREGATE, EXTRACT). Every call: check the agreement's current version and
 * state ({@link AgreementGrants}), map it and the catalog version into sharing-rules inputs, ask the ONE policy
 * decision point, run the plan in SQL over {@code hosted_row.data} (filter rendered by {@code Filter.toSql}), mask
 * with {@link PlanExecutor}/{@link Masker} under the agreement's own pseudonym key, then in ONE transaction count the
 * rows against the daily quota and write the audit event; only after the commit does the data leave. Denials are
 * audited too. A VIEW of hosted rows never blocks a thread (decision 0040).
 */
@ApplicationScoped
public class GovernedReadService {

    private static final Duration DB = Duration.ofSeconds(60);

    @Inject
    Pool pool;

    @Inject
    AgreementGrants agreements;

    @Inject
    AuditEvents events;

    @Inject
    Outbox outbox;

    @Inject
    ProxiedData proxied;

    @Inject
    UsageMonitor usage;

    @Inject
    DatasetSchemaCache schemas;

    @Inject
    ReadCommitter committer;

    @Inject
    ObjectMapper mapper;

    @Inject
    ExtractService extracts;

    @Inject
    AgreementKeys keys;

    @ConfigProperty(name = "govdx.data.page-size-cap", defaultValue = "500")
    int pageSizeCap;

    /** What the caller asks. {@code sort}: field names, {@code -name} for descending. */
    public record Query(String mode, String purpose, List<String> fields, String filter, List<String> sort, Integer pageSize, String cursor,
                        List<String> groupBy, List<String> aggregates) {
    }

    /** The outcome: an HTTP status, a body (JSON bytes, or a stream for EXTRACT), the audit event id, the request hash, and extra headers. */
    public record Outcome(int status, byte[] body, String contentType, UUID auditEventId, String requestHash, Map<String, String> headers,
                          StreamingOutput stream) {
        public Outcome(int status, byte[] body, String contentType, UUID auditEventId, String requestHash, Map<String, String> headers) {
            this(status, body, contentType, auditEventId, requestHash, headers, null);
        }
    }

    public Outcome query(Caller caller, UUID agreementId, Query q, Optional<String> caseReference, Optional<String> onBehalfOf) {
        return query(caller, agreementId, q, caseReference, onBehalfOf, ExtractFormat.NDJSON);
    }

    /** {@code format}: how an EXTRACT is written (part of the request hash in that mode). Blocking: for worker threads; see {@link #read}. */
    public Outcome query(Caller caller, UUID agreementId, Query q, Optional<String> caseReference, Optional<String> onBehalfOf, ExtractFormat format) {
        return read(caller, agreementId, q, caseReference, onBehalfOf, format).await().atMost(DB);
    }

    /**
     * The read, without blocking the calling thread: a VIEW of hosted rows runs on the event loop from the agreement
     * to the group commit; what still blocks (AGGREGATE, EXTRACT, a proxied provider) runs on a worker thread. {@code format}: how an EXTRACT is written (part of the request hash in that mode).
     */
    public Uni<Outcome> read(Caller caller, UUID agreementId, Query q, Optional<String> caseReference, Optional<String> onBehalfOf, ExtractFormat format) {
        Map<String, Object> requestDoc = new LinkedHashMap<>();
        requestDoc.put("agreementId", agreementId.toString());
        requestDoc.put("mode", q.mode());
        requestDoc.put("purpose", q.purpose());
        requestDoc.put("fields", q.fields());
        requestDoc.put("filter", q.filter());
        requestDoc.put("sort", q.sort());
        requestDoc.put("pageSize", q.pageSize());
        requestDoc.put("cursor", q.cursor());
        requestDoc.put("caseReference", caseReference.orElse(null));
        requestDoc.put("onBehalfOf", onBehalfOf.orElse(null));
        requestDoc.put("principal", caller.principal());
        if ("EXTRACT".equalsIgnoreCase(q.mode())) {
            requestDoc.put("format", format.name());
        }
        String requestHash = sha256(CanonicalJson.bytes(requestDoc));

        AccessMode mode;
        try {
            mode = AccessMode.valueOf(q.mode() == null ? "VIEW" : q.mode().toUpperCase());
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(problem(400, "invalid-mode", "mode is AGGREGATE, VIEW or EXTRACT", null, requestHash));
        }
        String action = switch (mode) {
            case VIEW -> "data.read";
            case AGGREGATE -> "data.aggregate";
            case EXTRACT -> "data.extract";
        };
        if (onBehalfOf.isPresent() && !caller.isSystem()) {
            return Uni.createFrom().item(problem(400, "on-behalf-of-user", "only a department system names the clerk it acts for", null, requestHash));
        }
        return agreements.current(agreementId).flatMap(known -> {
            GrantMapping.AgreementRow agreement = known == null ? null : known.row();
            boolean party = agreement != null && (caller.belongsTo(agreement.consumerDepartment()) || caller.belongsTo(agreement.providerDepartment()));
            if (!party) {
                // another department's agreement and a missing one look the same to the caller; the audit log keeps the truth
                AuditEvent event = events.of(caller, action, agreement == null ? "unknown" : agreement.providerDepartment())
                        .agreement(agreementId.toString()).denied(agreement == null ? DenyReason.NO_GRANT.name() : DenyReason.WRONG_DEPARTMENT.name())
                        .details(Map.of("mode", mode.name(), "requestHash", requestHash)).build();
                return recorded(event, problem(404, "no-agreement", "No agreement " + agreementId + " covers the caller", event.eventId(), requestHash));
            }
            return schemas.load(agreement.datasetId(), agreement.datasetVersion())
                    .flatMap(dataset -> decide(caller, known, dataset, q, mode, action, format, requestHash, caseReference, onBehalfOf));
        });
    }

    private Uni<Outcome> decide(Caller caller, AgreementGrants.Known known, CatalogDataset dataset, Query q, AccessMode mode, String action, ExtractFormat format,
                                String requestHash, Optional<String> caseReference, Optional<String> onBehalfOf) {
        GrantMapping.AgreementRow agreement = known.row();
        UUID agreementId = agreement.id();
        Filter filter;
        try {
            filter = q.filter() == null || q.filter().isBlank() ? null : Filter.parse(q.filter());
        } catch (FilterSyntaxException e) {
            return Uni.createFrom().item(problem(400, "invalid-filter", "The filter is not valid: " + e.getMessage(), null, requestHash));
        }
        DataRequest.Builder rb = DataRequest.builder(mode, Instant.now()).purpose(q.purpose() == null ? "" : q.purpose())
                .pageSize(q.pageSize() == null ? 0 : q.pageSize());
        if (q.fields() != null) {
            rb.fields(q.fields());
        }
        if (filter != null) {
            rb.filter(filter);
        }
        if (q.sort() != null) {
            for (String s : q.sort()) {
                if (s == null || s.isBlank()) {
                    continue;
                }
                rb.sort(s.startsWith("-") ? SortKey.desc(s.substring(1)) : SortKey.asc(s));
            }
        }
        caseReference.ifPresent(rb::caseReference);
        if (mode == AccessMode.AGGREGATE) {
            if (q.groupBy() != null) {
                rb.groupBy(q.groupBy());
            }
            try {
                for (String a : q.aggregates() == null ? List.<String>of() : q.aggregates()) {
                    int colon = a.indexOf(':');
                    AggregateFunction fn = AggregateFunction.valueOf((colon < 0 ? a : a.substring(0, colon)).trim().toUpperCase());
                    rb.aggregate(colon < 0 ? AggregateOp.countAll() : AggregateOp.of(fn, a.substring(colon + 1).trim()));
                }
            } catch (IllegalArgumentException e) {
                return Uni.createFrom().item(problem(400, "malformed-request", DenyReason.MALFORMED_REQUEST.message(), null, requestHash));
            }
        }
        Grant grant = known.grant(pageSizeCap);
        Decision decision;
        try {
            decision = PolicyDecisionPoint.decide(GrantMapping.caller(caller, onBehalfOf), GrantMapping.dataset(dataset), Optional.of(grant), rb.build());
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(problem(400, "malformed-request", DenyReason.MALFORMED_REQUEST.message(), null, requestHash));
        }
        if (decision instanceof Decision.Deny deny) {
            AuditEvent event = events.of(caller, action, agreement.providerDepartment()).agreement(agreementId.toString())
                    .dataset(agreement.datasetId().toString(), agreement.datasetVersion()).denied(deny.reason().name())
                    .details(details(mode, requestHash, caseReference, onBehalfOf, q.purpose())).build();
            int status = deny.reason() == DenyReason.MALFORMED_REQUEST || deny.reason() == DenyReason.PAGE_TOO_LARGE ? 400 : 403;
            return recorded(event, problem(status, deny.reason().name().toLowerCase().replace('_', '-'), deny.message(), event.eventId(), requestHash));
        }
        Plan plan = ((Decision.Allow) decision).plan();
        if (mode == AccessMode.AGGREGATE) {
            boolean maskedGroup = plan.groupBy().stream().anyMatch(f -> !plan.maskingOf(f).isClear());
            if (filter != null || maskedGroup) {
                // differencing defence: in AGGREGATE only the grant's own filter selects rows (see decision 0040)
                AuditEvent event = events.of(caller, action, agreement.providerDepartment()).agreement(agreementId.toString())
                        .dataset(agreement.datasetId().toString(), agreement.datasetVersion()).denied(filter != null ? "AGGREGATE_CALLER_FILTER" : "AGGREGATE_MASKED_GROUP")
                        .details(details(mode, requestHash, caseReference, onBehalfOf, q.purpose())).build();
                return recorded(event, problem(400, filter != null ? "aggregate-filter-not-allowed" : "aggregate-masked-group-not-available",
                        filter != null ? "An aggregate query takes no filter of its own: only the agreement's filter selects rows"
                                : "Grouping by a masked field is not available yet", event.eventId(), requestHash));
            }
            List<String> dimensions = AggregateDimensions.of(grant, dataset);
            if (!dimensions.containsAll(plan.groupBy())) {
                AuditEvent event = events.of(caller, action, agreement.providerDepartment()).agreement(agreementId.toString())
                        .dataset(agreement.datasetId().toString(), agreement.datasetVersion()).denied("AGGREGATE_GROUP_NOT_A_DIMENSION")
                        .details(details(mode, requestHash, caseReference, onBehalfOf, q.purpose())).build();
                return recorded(event, problem(400, "aggregate-group-not-a-dimension", "Aggregates group only by the agreement's dimensions: fields granted in clear "
                        + "that are neither a key nor a decimal measure", event.eventId(), requestHash));
            }
            return blocking(() -> aggregate(caller, agreement, dataset, plan, dimensions, requestHash, caseReference, onBehalfOf, q.purpose(), action));
        }
        if (mode == AccessMode.EXTRACT) {
            return blocking(() -> extracts.start(caller, agreement, dataset, plan, format, requestHash, caseReference, onBehalfOf, q.purpose()))
                    .onFailure(ProviderFailure.class).recoverWithUni(f -> providerFailure(caller, agreement, AccessMode.EXTRACT, (ProviderFailure) f, requestHash,
                            caseReference, onBehalfOf, q.purpose(), action));
        }
        if (ProxiedData.isProxied(dataset)) {
            // before any transaction: no connection or quota lock is held while the provider answers
            return blocking(() -> proxied.rows(dataset))
                    .flatMap(provided -> view(caller, agreement, dataset, plan, provided, q.cursor(), requestHash, caseReference, onBehalfOf, q.purpose(), action))
                    .onFailure(ProviderFailure.class).recoverWithUni(f -> providerFailure(caller, agreement, AccessMode.VIEW, (ProviderFailure) f, requestHash,
                            caseReference, onBehalfOf, q.purpose(), action));
        }
        return view(caller, agreement, dataset, plan, null, q.cursor(), requestHash, caseReference, onBehalfOf, q.purpose(), action);
    }

    /** A VIEW page: read and mask first, holding nothing; then the quota and the audit event commit with other reads' ({@link ReadCommitter}). */
    private Uni<Outcome> view(Caller caller, GrantMapping.AgreementRow agreement, CatalogDataset dataset, Plan plan, List<Map<String, Object>> provided,
                              String cursor, String requestHash, Optional<String> caseReference, Optional<String> onBehalfOf, String purpose, String action) {
        boolean sorted = !plan.sort().isEmpty() || provided != null; // proxied pages are offsets into the provider's answer
        long after;
        try {
            after = cursor == null || cursor.isBlank() ? 0 : Long.parseLong(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII));
        } catch (RuntimeException e) {
            return Uni.createFrom().item(problem(400, "invalid-cursor", "The cursor is not one this service issued", null, requestHash));
        }
        LocalDate today = LocalDate.now(GrantMapping.CHINA);
        // the events are built in the group commit, which runs in the context of the read that started the group
        String traceId = TraceIds.current();
        OptionalLong quota = plan.limits().dailyRowQuota();
        int pageSize = plan.limits().pageSize();
        PlanExecutor executor = new PlanExecutor(plan, keys.masker(agreement.id()));
        Uni<Page> page;
        if (provided != null) {
            List<Map<String, Object>> rows = ProxiedRows.page(provided, plan, executor, after, pageSize);
            Page p = new Page(pageSize);
            for (int i = 0; i < Math.min(pageSize, rows.size()); i++) {
                p.rows.add(executor.projectValues(ProxiedRows.asHosted(rows.get(i))));
            }
            p.more = rows.size() > pageSize;
            page = Uni.createFrom().item(p);
        } else {
            List<Object> params = new ArrayList<>(List.of(agreement.datasetId(), agreement.datasetVersion()));
            HostedColumns columns = HostedColumns.of(plan.projection(), dataset);
            StringBuilder sql = new StringBuilder("select row_no, ").append(columns.selectList())
                    .append(" from hosted_row where dataset_id = $1 and dataset_version = $2");
            if (!sorted) {
                params.add(after);
                sql.append(" and row_no > $3");
            }
            GrantMapping.appendRowFilter(sql, params, plan, dataset);
            GrantMapping.appendOrder(sql, plan, dataset);
            params.add(pageSize + 1);
            sql.append(" limit $").append(params.size());
            if (sorted) {
                params.add(after);
                sql.append(" offset $").append(params.size());
            }
            page = pool.preparedQuery(sql.toString()).execute(Tuple.from(params)).map(rows -> {
                Page p = new Page(pageSize);
                for (Row r : rows) {
                    if (p.rows.size() == pageSize) {
                        p.more = true;
                        break;
                    }
                    p.rows.add(executor.maskInPlace(columns.values(r, 1)));
                    p.rowNos.add(r.getLong(0));
                }
                return p;
            });
        }
        return page.flatMap(p -> {
            // the body up to its rows is written (and hashed) now; the committer only appends the cursor and the quota left
            PageBody whole = PageBody.of(mapper, agreement.id(), plan.projection(), p.rows);
            return committer.commit(new ReadCommitter.Pending(agreement.id(), today, quota, p.rows.size(), (granted, remainingBefore) -> {
                if (quota.isPresent() && remainingBefore <= 0) {
                    AuditEvent event = events.of(caller, action, agreement.providerDepartment()).agreement(agreement.id().toString()).trace(traceId)
                            .dataset(agreement.datasetId().toString(), agreement.datasetVersion()).denied("DAILY_ROW_QUOTA_SPENT")
                            .details(details(AccessMode.VIEW, requestHash, caseReference, onBehalfOf, purpose)).build();
                    ZonedDateTime reset = today.plusDays(1).atStartOfDay(GrantMapping.CHINA);
                    long seconds = Math.max(1, Duration.between(ZonedDateTime.now(GrantMapping.CHINA), reset).getSeconds());
                    Outcome o = problem(429, "daily-row-quota-spent", "The agreement's daily row quota is spent; it resets at " + reset.toOffsetDateTime(),
                            event.eventId(), requestHash);
                    return new ReadCommitter.Finished(event, new Outcome(o.status(), o.body(), o.contentType(), o.auditEventId(), requestHash,
                            Map.of("Retry-After", Long.toString(seconds), "X-Quota-Reset", reset.toOffsetDateTime().toString())));
                }
                boolean hasNext = p.more || granted < p.rows.size();
                long next = sorted ? after + granted : granted == 0 ? after : p.rowNos.get(granted - 1);
                PageBody delivered = granted == p.rows.size() ? whole : PageBody.of(mapper, agreement.id(), plan.projection(), p.rows.subList(0, granted));
                PageBody.Finished body = delivered.finish(hasNext ? Base64.getUrlEncoder().withoutPadding().encodeToString(Long.toString(next).getBytes(StandardCharsets.US_ASCII)) : null,
                        quota.isPresent() ? OptionalLong.of(remainingBefore - granted) : OptionalLong.empty());
                Map<String, Object> details = details(AccessMode.VIEW, requestHash, caseReference, onBehalfOf, purpose);
                details.put("rowCount", granted);
                details.put("responseHash", body.sha256());
                AuditEvent event = events.of(caller, action, agreement.providerDepartment()).agreement(agreement.id().toString()).trace(traceId)
                        .dataset(agreement.datasetId().toString(), agreement.datasetVersion()).fields(plan.projection()).details(details).build();
                return new ReadCommitter.Finished(event, new Outcome(200, body.bytes(), "application/json", event.eventId(), requestHash, Map.of()));
            }));
        }).flatMap(finished -> observed(finished.event(), (Outcome) finished.result()));
    }

    /** A page read, before the commit: its masked rows, their row numbers (hosted pages), and whether more rows follow. */
    private static final class Page {
        /** Each row's masked values in the plan's projection order. */
        final List<Object[]> rows;
        final List<Long> rowNos;
        boolean more;

        Page(int pageSize) {
            rows = new ArrayList<>(pageSize);
            rowNos = new ArrayList<>(pageSize);
        }
    }

    private Outcome aggregate(Caller caller, GrantMapping.AgreementRow agreement, CatalogDataset dataset, Plan plan, List<String> dimensions, String requestHash,
                              Optional<String> caseReference, Optional<String> onBehalfOf, String purpose, String action) {
        List<Map<String, Object>> provided = null;
        if (ProxiedData.isProxied(dataset)) {
            try {
                provided = proxied.rows(dataset);
            } catch (ProviderFailure f) {
                return providerFailure(caller, agreement, AccessMode.AGGREGATE, f, requestHash, caseReference, onBehalfOf, purpose, action).await().atMost(DB);
            }
        }
        List<Object> params = new ArrayList<>(List.of(agreement.datasetId(), agreement.datasetVersion()));
        StringBuilder select = new StringBuilder("select ");
        List<String> groups = new ArrayList<>();
        for (String g : plan.groupBy()) {
            groups.add(GrantMapping.column(dataset, g));
        }
        for (String g : groups) {
            select.append(g).append("::text, ");
        }
        for (AggregateOp op : plan.aggregates()) {
            String col = op.field().map(f -> GrantMapping.column(dataset, f)).orElse(null);
            String expr = switch (op.function()) {
                case COUNT -> col == null ? "count(*)" : "count(" + col + ")";
                case SUM -> "sum(" + col + ")";
                case AVG -> "avg(" + col + ")";
                case MIN -> "min(" + col + ")";
                case MAX -> "max(" + col + ")";
            };
            select.append("(").append(expr).append(")::text, ");
        }
        // differencing defence: only rows whose cell over the agreement's dimensions has at least k rows count (DifferencingGuard)
        List<String> cellColumns = new ArrayList<>();
        for (String d : dimensions) {
            cellColumns.add(GrantMapping.column(dataset, d));
        }
        select.append("count(*) from (select data, count(*) over (").append(cellColumns.isEmpty() ? "" : "partition by " + String.join(", ", cellColumns))
                .append(") as cell_size from hosted_row where dataset_id = $1 and dataset_version = $2");
        GrantMapping.appendRowFilter(select, params, plan, dataset);
        params.add((long) plan.limits().minGroupSize());
        select.append(") cells where cell_size >= $").append(params.size());
        if (!groups.isEmpty()) {
            select.append(" group by ").append(String.join(", ", groups));
        }
        select.append(" having count(*) >= $").append(params.size());
        if (!groups.isEmpty()) {
            select.append(" order by ").append(String.join(", ", groups));
        }
        params.add(plan.limits().pageSize());
        select.append(" limit $").append(params.size());
        SqlConnection conn = pool.getConnection().await().atMost(DB);
        Transaction tx = null;
        try {
            tx = conn.begin().await().atMost(DB);
            List<Map<String, Object>> out = new ArrayList<>();
            if (provided != null) {
                PlanExecutor executor = new PlanExecutor(plan, keys.masker(agreement.id()));
                List<Map<String, Object>> selected = new ArrayList<>();
                for (Map<String, Object> row : provided) {
                    if (executor.selects(row)) {
                        selected.add(row);
                    }
                }
                List<Map<String, Object>> groupsOut = executor.execute(DifferencingGuard.releaseBase(selected, dimensions, plan.limits().minGroupSize()));
                groupsOut.sort(ProxiedRows.groupOrder(plan.groupBy()));
                for (Map<String, Object> g : groupsOut) {
                    out.add(ProxiedRows.asAggregateOutput(g, plan.groupBy()));
                }
            }
            RowSet<Row> rows = provided != null ? null : conn.preparedQuery(select.toString()).execute(Tuple.from(params)).await().atMost(DB);
            for (Row r : rows == null ? List.<Row>of() : rows) {
                Map<String, Object> group = new LinkedHashMap<>();
                int i = 0;
                for (String g : plan.groupBy()) {
                    group.put(g, r.getString(i++));
                }
                for (AggregateOp op : plan.aggregates()) {
                    String v = r.getString(i++);
                    group.put(op.outputName(), v == null ? null : new BigDecimal(v));
                }
                out.add(group);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("agreementId", agreement.id().toString());
            body.put("groupBy", plan.groupBy());
            body.put("minGroupSize", plan.limits().minGroupSize());
            body.put("groups", out);
            byte[] bytes = mapper.writeValueAsBytes(body);
            Map<String, Object> details = details(AccessMode.AGGREGATE, requestHash, caseReference, onBehalfOf, purpose);
            details.put("rowCount", out.size());
            details.put("responseHash", sha256(bytes));
            AuditEvent event = events.of(caller, action, agreement.providerDepartment()).agreement(agreement.id().toString())
                    .dataset(agreement.datasetId().toString(), agreement.datasetVersion()).fields(new ArrayList<>(plan.fields())).details(details).build();
            outbox.insert(conn, event).await().atMost(DB);
            tx.commit().await().atMost(DB);
            tx = null;
            usage.observe(event);
            return new Outcome(200, bytes, "application/json", event.eventId(), requestHash, Map.of());
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

    private Uni<Outcome> providerFailure(Caller caller, GrantMapping.AgreementRow agreement, AccessMode mode, ProviderFailure f, String requestHash,
                                         Optional<String> caseReference, Optional<String> onBehalfOf, String purpose, String action) {
        AuditEvent event = events.of(caller, action, agreement.providerDepartment()).agreement(agreement.id().toString())
                .dataset(agreement.datasetId().toString(), agreement.datasetVersion()).denied("PROVIDER_" + f.kind().name())
                .details(details(mode, requestHash, caseReference, onBehalfOf, purpose)).build();
        Outcome o = problem(f.kind().status, f.kind().slug, f.kind().detail, event.eventId(), requestHash);
        return recorded(event, f.kind() == ProviderFailure.Kind.CIRCUIT_OPEN || f.kind() == ProviderFailure.Kind.NOT_REGISTERED
                ? new Outcome(o.status(), o.body(), o.contentType(), o.auditEventId(), requestHash, Map.of("Retry-After", "15")) : o);
    }

    private static Map<String, Object> details(AccessMode mode, String requestHash, Optional<String> caseReference, Optional<String> onBehalfOf, String purpose) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("mode", mode.name());
        d.put("requestHash", requestHash);
        caseReference.ifPresent(c -> d.put("caseReference", c));
        onBehalfOf.ifPresent(c -> d.put("onBehalfOf", c));
        if (purpose != null) {
            d.put("purpose", purpose);
        }
        return d;
    }

    private Outcome problem(int status, String slug, String detail, UUID eventId, String requestHash) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "https://govdx.example/problems/" + slug);
        p.put("title", slug.replace('-', ' '));
        p.put("status", status);
        p.put("detail", detail);
        try {
            return new Outcome(status, mapper.writeValueAsBytes(p), "application/problem+json", eventId, requestHash, Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A refusal's outcome once its audit event has committed on its own (nothing else of the call is written). */
    private Uni<Outcome> recorded(AuditEvent event, Outcome outcome) {
        return outbox.recordSeparately(event).flatMap(x -> observed(event, outcome));
    }

    /** The outcome, its event handed to usage monitoring ({@link UsageMonitor#observe} does not block: it checks in the background). */
    private Uni<Outcome> observed(AuditEvent event, Outcome outcome) {
        usage.observe(event);
        return Uni.createFrom().item(outcome);
    }

    /** Runs blocking work on a worker thread. */
    private static <T> Uni<T> blocking(java.util.function.Supplier<T> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
