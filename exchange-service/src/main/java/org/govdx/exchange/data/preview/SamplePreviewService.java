package org.govdx.exchange.data.preview;

import org.govdx.common.outbox.Outbox;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.govdx.common.events.AuditEvent;
import org.govdx.common.events.AuditEvents;
import org.govdx.common.identity.Caller;
import org.govdx.common.identity.Roles;
import org.govdx.common.problem.ProblemException;
import org.govdx.exchange.catalog.CatalogDataset;
import org.govdx.exchange.data.DatasetSchemaCache;
import org.govdx.exchange.data.GrantMapping;
import org.govdx.exchange.data.HostedColumns;
import org.govdx.exchange.data.proxy.ProviderFailure;
import org.govdx.exchange.data.proxy.ProxiedData;
import org.govdx.exchange.data.proxy.ProxiedRows;
import org.govdx.rules.classification.AccessMode;
import org.govdx.rules.filter.Filter;
import org.govdx.rules.filter.SqlFragment;
import org.govdx.rules.masking.Masker;
import org.govdx.rules.masking.MaskingRule;
import org.govdx.rules.policy.DataRequest;
import org.govdx.rules.policy.Decision;
import org.govdx.rules.policy.Grant;
import org.govdx.rules.policy.GrantKind;
import org.govdx.rules.policy.GrantState;
import org.govdx.rules.policy.GrantedField;
import org.govdx.rules.policy.Plan;
import org.govdx.rules.policy.PlanExecutor;
import org.govdx.rules.policy.Role;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The masked sample of a request under review (issue 4 left it to the data plane): a few rows as the consumer
 * would see them under the terms on the table (the provider's narrowed terms when there are some, otherwise
 * the requested ones). The sample goes through the same policy decision point as a read, as if the terms
 * were an active agreement and the reader one of its named users, so FORBIDDEN and unrequested fields never
 * appear and every field is masked as the terms say. Pseudonyms use a key of their own per request, so sample
 * rows cannot be linked to the agreement's later reads. Who: the provider department's CDO, and the
 * requesting department's steward or CDO, while the request is under review. Each sample is audited.
 */
@ApplicationScoped
public class SamplePreviewService {

    private static final Duration DB = Duration.ofSeconds(30);
    private static final Set<String> UNDER_REVIEW = Set.of("AWAITING_ENDORSEMENT", "IN_CONFORMITY_REVIEW", "AWAITING_PROVIDER", "AWAITING_CONSUMER_ACCEPTANCE");

    @Inject
    Pool pool;

    @Inject
    Outbox outbox;

    @Inject
    DatasetSchemaCache schemas;

    @Inject
    ProxiedData proxied;

    @Inject
    AuditEvents events;

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "govdx.keys.master-key")
    String masterKey;

    @ConfigProperty(name = "govdx.data.sample-rows", defaultValue = "5")
    int sampleRows;

    public Map<String, Object> sample(Caller caller, UUID requestId) {
        RowSet<Row> found = pool.preparedQuery("select state, kind, consumer_department, provider_department, dataset_id, dataset_version, requested_terms, "
                + "proposed_terms from access_request where id = $1").execute(Tuple.of(requestId)).await().atMost(DB);
        if (!found.iterator().hasNext()) {
            throw ProblemException.notFound("No request " + requestId);
        }
        Row r = found.iterator().next();
        String state = r.getString(0);
        String consumer = r.getString(2);
        String provider = r.getString(3);
        boolean providerCdo = caller.belongsTo(provider) && caller.hasRole(Roles.CDO);
        boolean consumerSide = caller.belongsTo(consumer) && (caller.hasRole(Roles.CDO) || caller.hasRole(Roles.STEWARD));
        if (!providerCdo && !consumerSide) {
            throw ProblemException.notFound("No request " + requestId);
        }
        if (!UNDER_REVIEW.contains(state)) {
            throw ProblemException.conflict("A sample is shown only while the request is under review");
        }
        boolean narrowed = r.getString(7) != null;
        JsonNode terms = read(narrowed ? r.getString(7) : r.getString(6));
        UUID datasetId = r.getUUID(4);
        int version = r.getInteger(5);
        CatalogDataset dataset = schemas.dataset(datasetId, version);

        List<String> fields = new ArrayList<>();
        List<GrantedField> granted = new ArrayList<>();
        for (JsonNode f : terms.path("fields")) {
            String name = f.asText();
            fields.add(name);
            JsonNode masking = terms.path("masking").path(name);
            if (masking.isTextual()) {
                MaskingRule rule = MaskingRule.parse(masking.asText());
                granted.add(rule.isClear() ? GrantedField.clear(name) : GrantedField.masked(name, rule));
            } else {
                granted.add(GrantedField.withDefaultMasking(name));
            }
        }
        String purpose = terms.path("purpose").asText();
        Instant now = Instant.now();
        String reader = "sample-preview";
        Grant.Builder grant = Grant.builder().id("sample:" + requestId).version(1).kind(GrantKind.valueOf(r.getString(1))).consumerDepartment(consumer)
                .providerDepartment(provider).dataset(datasetId.toString(), version).state(GrantState.ACTIVE).term(now.minusSeconds(60), now.plusSeconds(60))
                .fields(granted).mode(AccessMode.VIEW).purpose(purpose).authorise(reader).pageSizeCap(sampleRows);
        String rowFilter = terms.path("rowFilter").isTextual() ? terms.path("rowFilter").asText() : null;
        if (rowFilter != null && !rowFilter.isBlank()) {
            grant.rowFilter(Filter.parse(rowFilter));
        }
        Decision decision = org.govdx.rules.policy.PolicyDecisionPoint.decide(
                org.govdx.rules.policy.Caller.user(consumer, reader, Set.of(Role.STEWARD)), GrantMapping.dataset(dataset), Optional.of(grant.build()),
                DataRequest.builder(AccessMode.VIEW, now).purpose(purpose).fields(fields).pageSize(sampleRows).caseReference("sample " + requestId).build());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("requestId", requestId.toString());
        details.put("terms", narrowed ? "proposed" : "requested");
        if (decision instanceof Decision.Deny deny) {
            audit(caller, provider, datasetId, version, fields, details, deny.reason().name());
            throw new ProblemException(422, deny.reason().name().toLowerCase().replace('_', '-'), "No sample under these terms", deny.message());
        }
        Plan plan = ((Decision.Allow) decision).plan();
        PlanExecutor executor = new PlanExecutor(plan, new Masker(key(requestId)));
        List<Map<String, Object>> rows = new ArrayList<>();
        if (ProxiedData.isProxied(dataset)) {
            try {
                for (Map<String, Object> row : ProxiedRows.page(proxied.rows(dataset), plan, executor, 0, sampleRows - 1)) {
                    rows.add(executor.project(ProxiedRows.asHosted(row)));
                }
            } catch (ProviderFailure f) {
                audit(caller, provider, datasetId, version, fields, details, "PROVIDER_" + f.kind().name());
                throw new ProblemException(f.kind().status, f.kind().slug, "Provider failure", f.kind().detail);
            }
        } else {
            List<Object> params = new ArrayList<>(List.of(datasetId, version));
            HostedColumns columns = HostedColumns.of(plan.projection(), dataset);
            StringBuilder sql = new StringBuilder("select ").append(columns.selectList()).append(" from hosted_row where dataset_id = $1 and dataset_version = $2");
            if (plan.rowFilter().isPresent()) {
                SqlFragment f = plan.rowFilter().get().toSql(field -> GrantMapping.column(dataset, field), 3);
                sql.append(" and ").append(f.sql());
                params.addAll(f.parameters());
            }
            params.add(sampleRows);
            sql.append(" order by row_no limit $").append(params.size());
            for (Row row : pool.preparedQuery(sql.toString()).execute(Tuple.from(params)).await().atMost(DB)) {
                rows.add(executor.project(asMap(plan.projection(), columns.values(row, 0))));
            }
        }
        details.put("rowCount", rows.size());
        UUID eventId = audit(caller, provider, datasetId, version, plan.projection(), details, null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requestId", requestId.toString());
        body.put("terms", narrowed ? "proposed" : "requested");
        body.put("fields", plan.projection());
        body.put("rows", rows);
        body.put("auditEventId", eventId.toString());
        return body;
    }

    private UUID audit(Caller caller, String provider, UUID datasetId, int version, List<String> fields, Map<String, Object> details, String deniedReason) {
        AuditEvents.Builder b = events.of(caller, "data.sample", provider).dataset(datasetId.toString(), version).fields(fields).details(details);
        if (deniedReason != null) {
            b.denied(deniedReason);
        }
        AuditEvent event = b.build();
        outbox.insert(pool, event).await().atMost(DB);
        return event.eventId();
    }

    /** HMAC-SHA256(master key, "govdx/sample-key/v1\n" + request id): unlinkable to the agreement's own pseudonyms. */
    private byte[] key(UUID requestId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(masterKey), "HmacSHA256"));
            return mac.doFinal(("govdx/sample-key/v1\n" + requestId).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> asMap(List<String> fields, Object[] values) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            row.put(fields.get(i), values[i]);
        }
        return row;
    }
}
