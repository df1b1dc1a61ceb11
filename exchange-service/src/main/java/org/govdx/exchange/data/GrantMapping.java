package org.govdx.exchange.data;

import com.fasterxml.jackson.databind.JsonNode;
import org.govdx.exchange.catalog.CatalogDataset;
import org.govdx.rules.classification.AccessMode;
import org.govdx.rules.classification.SharingClass;
import org.govdx.rules.filter.Filter;
import org.govdx.rules.masking.MaskingRule;
import org.govdx.rules.policy.DatasetView;
import org.govdx.rules.policy.FieldView;
import org.govdx.rules.policy.Grant;
import org.govdx.rules.policy.GrantKind;
import org.govdx.rules.policy.GrantState;
import org.govdx.rules.policy.GrantedField;
import org.govdx.rules.policy.Role;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Maps an agreement (its signed document and current state) and the catalog's dataset version into the
 * sharing-rules inputs, so every read goes through {@code PolicyDecisionPoint.decide}. Only the signed document
 * decides what is granted: fields and their masking, mode, row filter, purpose, named users, group size, quota.
 */
public final class GrantMapping {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private GrantMapping() {
    }

    /** The agreement's columns the data plane reads. */
    public record AgreementRow(UUID id, int version, String kind, String state, String consumerDepartment, String providerDepartment,
                               UUID datasetId, int datasetVersion, LocalDate termStart, LocalDate termEnd, JsonNode document) {
    }

    public static Grant grant(AgreementRow a, int pageSizeCap) {
        JsonNode doc = a.document();
        List<GrantedField> fields = new ArrayList<>();
        for (JsonNode f : doc.path("fields")) {
            String name = f.path("name").asText();
            String masking = f.path("masking").asText("redact");
            MaskingRule rule = MaskingRule.parse(masking);
            fields.add(rule.isClear() ? GrantedField.clear(name) : GrantedField.masked(name, rule));
        }
        Set<String> users = new HashSet<>();
        doc.path("authorisedUsers").forEach(u -> users.add(u.asText()));
        String filter = doc.path("rowFilter").isTextual() ? doc.path("rowFilter").asText() : null;
        Grant.Builder b = Grant.builder().id(a.id().toString()).version(a.version())
                .kind(GrantKind.valueOf(a.kind())).consumerDepartment(a.consumerDepartment()).providerDepartment(a.providerDepartment())
                .dataset(a.datasetId().toString(), a.datasetVersion()).state(GrantState.valueOf(a.state()))
                // the document's term is inclusive of its last day (China time); the grant's is half-open
                .term(a.termStart().atStartOfDay(CHINA).toInstant(), a.termEnd().plusDays(1).atStartOfDay(CHINA).toInstant())
                .fields(fields).mode(AccessMode.valueOf(doc.path("accessMode").asText()))
                .purpose(doc.path("purpose").path("code").asText()).authorisedPrincipals(users)
                .pageSizeCap(pageSizeCap)
                // every data call names the case it serves (like X-Road's X-Road-Issue); the audit event records it
                .caseReferenceRequired(true);
        if (filter != null && !filter.isBlank()) {
            b.rowFilter(Filter.parse(filter));
        }
        if (doc.path("minGroupSize").isNumber()) {
            b.minGroupSize(doc.path("minGroupSize").asInt());
        }
        if (doc.path("dailyRowQuota").isNumber()) {
            b.dailyRowQuota(doc.path("dailyRowQuota").asLong());
        }
        return b.build();
    }

    public static DatasetView dataset(CatalogDataset d) {
        List<FieldView> fields = new ArrayList<>();
        for (CatalogDataset.Field f : d.fields()) {
            fields.add(new FieldView(f.name(), SharingClass.valueOf(f.fieldClass()), MaskingRule.parse(f.defaultMasking() == null ? "redact" : f.defaultMasking()), f.key()));
        }
        return new DatasetView(d.id().toString(), d.version(), d.ownerDepartment(), SharingClass.valueOf(d.classification()), fields);
    }

    public static org.govdx.rules.policy.Caller caller(org.govdx.common.identity.Caller c, Optional<String> onBehalfOf) {
        Set<Role> roles = new HashSet<>();
        c.roles().forEach(r -> Role.fromClaim(r).ifPresent(roles::add));
        String department = c.department() == null ? "-" : c.department();
        if (c.isSystem()) {
            return onBehalfOf.isPresent()
                    ? org.govdx.rules.policy.Caller.systemOnBehalfOf(department, c.clientId(), roles, onBehalfOf.get())
                    : org.govdx.rules.policy.Caller.system(department, c.clientId(), roles);
        }
        return org.govdx.rules.policy.Caller.user(department, c.principal(), roles);
    }

    /** The SQL expression of a field in {@code hosted_row.data}, typed by the catalog so comparisons and sorts are by value. */
    public static String column(CatalogDataset d, String field) {
        return d.field(field).map(f -> {
            String text = "(data ->> '" + f.name().replace("'", "''") + "')";
            return switch (f.type() == null ? "STRING" : f.type()) {
                case "INTEGER" -> "(" + text + ")::bigint";
                case "DECIMAL" -> "(" + text + ")::numeric";
                case "DATE" -> "(" + text + ")::date";
                case "BOOLEAN" -> "(" + text + ")::boolean";
                default -> text;
            };
        }).orElse(null);
    }

    /**
     * Appends {@code and <the plan's row filter>} to a query over {@code hosted_row}, its parameters numbered after those
     * already bound; nothing when the agreement has no row filter. One place for every access mode.
     */
    public static void appendRowFilter(StringBuilder sql, List<Object> params, org.govdx.rules.policy.Plan plan, CatalogDataset dataset) {
        if (plan.rowFilter().isPresent()) {
            org.govdx.rules.filter.SqlFragment f = plan.rowFilter().get().toSql(field -> column(dataset, field), params.size() + 1);
            sql.append(" and ").append(f.sql());
            params.addAll(f.parameters());
        }
    }

    /** Appends {@code order by <the plan's sort keys, nulls last>, row_no}: a stable order for pages and exports alike. */
    public static void appendOrder(StringBuilder sql, org.govdx.rules.policy.Plan plan, CatalogDataset dataset) {
        sql.append(" order by ");
        for (org.govdx.rules.policy.SortKey k : plan.sort()) {
            sql.append(column(dataset, k.field())).append(k.direction().name().equals("DESC") ? " desc nulls last, " : " asc nulls last, ");
        }
        sql.append("row_no");
    }
}
