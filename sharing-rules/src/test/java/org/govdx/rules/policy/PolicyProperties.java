package org.govdx.rules.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.govdx.rules.classification.AccessMode;
import org.govdx.rules.classification.SharingClass;
import org.govdx.rules.filter.Filter;
import org.govdx.rules.masking.Masker;
import org.govdx.rules.masking.MaskingRule;

/**
 * Random catalogs, grants and calls, mostly consistent (so that many are allowed) with random flaws mixed in.
 * Field names are distinctive ({@code fld_xxxxx}) so a leaked name would be found in any message.
 */
class PolicyProperties {

    /** Everything one decision needs, generated from a seed. */
    record Scenario(Caller caller, DatasetView dataset, Optional<Grant> grant, DataRequest request) {

        Decision decide() {
            return PolicyDecisionPoint.decide(caller, dataset, grant, request);
        }

        boolean byOwner() {
            return caller.departmentCode().equals(dataset.ownerDepartment());
        }

        Set<String> grantedNames() {
            return grant.map(g -> g.fields().stream().map(GrantedField::name).collect(Collectors.toSet())).orElse(Set.of());
        }

        /** Every name a non-owner was not granted: dataset fields outside the grant, FORBIDDEN ones, invented ones. */
        Set<String> ungrantedNames() {
            Set<String> names = new HashSet<>();
            dataset.fields().forEach(f -> names.add(f.name()));
            names.addAll(request.fields());
            request.filter().ifPresent(f -> names.addAll(f.fields()));
            request.sort().forEach(k -> names.add(k.field()));
            names.addAll(request.groupBy());
            request.aggregates().forEach(a -> a.field().ifPresent(names::add));
            names.removeAll(grantedNames());
            dataset.fields().stream().filter(f -> f.fieldClass() == SharingClass.FORBIDDEN).forEach(f -> names.add(f.name()));
            return names;
        }
    }

    private static final List<String> DEPARTMENTS = List.of("D1", "D2", "D3");
    private static final List<String> PURPOSES = List.of("allowance review", "school enrolment");
    private static final List<String> USERS = List.of("u1", "u2");
    private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");
    private static final List<MaskingRule> RULES = List.of(MaskingRule.NONE, MaskingRule.NONE, MaskingRule.REDACT,
            MaskingRule.partial(1, 2), MaskingRule.PSEUDONYM, MaskingRule.numberBand(10),
            MaskingRule.parse("generalize(date:year)"), MaskingRule.parse("chinese_name"));

    static Scenario scenario(Random r) {
        // dataset
        int fieldCount = 1 + r.nextInt(7);
        List<FieldView> fields = new ArrayList<>();
        Set<String> used = new HashSet<>();
        while (fields.size() < fieldCount) {
            String name = distinctiveName(r);
            if (used.add(name)) {
                fields.add(new FieldView(name, pick(r, SharingClass.values()), pick(r, RULES), r.nextInt(5) == 0));
            }
        }
        String owner = pick(r, DEPARTMENTS);
        int version = 1 + r.nextInt(2);
        DatasetView dataset = new DatasetView("ds", version, owner,
                chance(r, 10) ? SharingClass.FORBIDDEN : chance(r, 50) ? SharingClass.RESTRICTED : SharingClass.OPEN, fields);

        // caller
        String callerDepartment = chance(r, 10) ? owner : pick(r, DEPARTMENTS.stream().filter(d -> !d.equals(owner)).toList());
        Set<Role> roles = chance(r, 96) ? Set.of(Role.STEWARD) : Set.of(Role.CDO);
        Caller caller = chance(r, 20)
                ? Caller.systemOnBehalfOf(callerDepartment, "client-" + r.nextInt(2), roles, pick(r, USERS))
                : Caller.user(callerDepartment, pick(r, USERS), roles);

        // grant
        Optional<Grant> grant = Optional.empty();
        if (chance(r, 94)) {
            Instant[] term = term(r);
            Grant.Builder g = Grant.builder().id("g" + r.nextInt(3))
                    .kind(chance(r, 80) ? (dataset.sharingClass() == SharingClass.OPEN && chance(r, 50) ? GrantKind.OPEN_USE : GrantKind.AGREEMENT)
                            : pick(r, GrantKind.values()))
                    .consumerDepartment(chance(r, 92) ? callerDepartment : pick(r, DEPARTMENTS))
                    .providerDepartment(chance(r, 97) ? owner : pick(r, DEPARTMENTS))
                    .dataset(chance(r, 97) ? "ds" : "other", chance(r, 94) ? version : 1 + r.nextInt(3))
                    .state(chance(r, 90) ? GrantState.ACTIVE : pick(r, GrantState.values()))
                    .term(term[0], term[1])
                    .mode(pick(r, AccessMode.values()))
                    .purpose(chance(r, 95) ? PURPOSES.get(0) : PURPOSES.get(1))
                    .minGroupSize(1 + r.nextInt(12))
                    .dailyRowQuota(1 + r.nextInt(1000))
                    .pageSizeCap(1 + r.nextInt(100))
                    .caseReferenceRequired(chance(r, 15));
            if (chance(r, 94)) {
                g.authorise(caller.accountablePrincipal());
            }
            if (chance(r, 30)) {
                g.authorise("someone-else");
            }
            for (FieldView f : fields) {
                if (chance(r, 75)) {
                    MaskingRule rule = pick(r, RULES);
                    g.field(chance(r, 25) ? GrantedField.clear(f.name()) : rule.isClear()
                            ? GrantedField.withDefaultMasking(f.name()) : GrantedField.masked(f.name(), rule));
                }
            }
            if (chance(r, 10)) {
                g.field(GrantedField.clear(distinctiveName(r) + "x")); // a name the dataset does not have
            }
            if (chance(r, 40)) {
                g.rowFilter(Filter.parse(pick(r, fields).name() + " is not null"));
            }
            grant = Optional.of(g.build());
        }

        // request: mostly granted, sometimes anything in the dataset, sometimes invented names
        List<String> candidates = new ArrayList<>();
        grant.ifPresent(g -> g.fields().forEach(f -> candidates.add(f.name())));
        if (candidates.isEmpty() || chance(r, 15)) {
            fields.forEach(f -> candidates.add(f.name()));
        }
        if (chance(r, 5)) {
            candidates.add(distinctiveName(r) + "y");
        }
        AccessMode mode = grant.isPresent() && chance(r, 80) ? grant.get().mode() : pick(r, AccessMode.values());
        DataRequest.Builder request = DataRequest.builder(mode, NOW)
                .purpose(chance(r, 96) ? PURPOSES.get(0) : PURPOSES.get(1))
                .pageSize(chance(r, 70) ? 0 : r.nextInt(120));
        if (chance(r, 90)) {
            request.caseReference("case-" + r.nextInt(100));
        }
        if (chance(r, 40)) {
            String field = pick(r, candidates);
            request.filter(Filter.parse(chance(r, 50) ? field + " = 'v1'" : field + " > 3 or " + pick(r, candidates) + " is null"));
        }
        if (mode == AccessMode.AGGREGATE) {
            if (chance(r, 60)) {
                request.groupBy(pick(r, candidates));
            }
            request.aggregate(AggregateOp.countAll());
            if (chance(r, 60)) {
                request.aggregate(AggregateOp.of(pick(r, AggregateFunction.values()), pick(r, candidates)));
            }
        } else {
            if (chance(r, 60)) {
                for (String c : candidates) {
                    if (chance(r, 50)) {
                        request.fields(c);
                    }
                }
            }
            if (chance(r, 25)) {
                request.sort(chance(r, 50) ? SortKey.asc(pick(r, candidates)) : SortKey.desc(pick(r, candidates)));
            }
        }
        return new Scenario(caller, dataset, grant, request.build());
    }

    /** Mostly a term around NOW; sometimes one that has not started or has ended (possibly exactly at NOW). */
    private static Instant[] term(Random r) {
        int kind = r.nextInt(100);
        if (kind < 84) {
            return new Instant[] {NOW.minusSeconds(86_400), NOW.plusSeconds(86_400)};
        }
        if (kind < 92) {
            return new Instant[] {NOW.plusSeconds(60), NOW.plusSeconds(86_400)};
        }
        return new Instant[] {NOW.minusSeconds(2 * 86_400), chance(r, 50) ? NOW : NOW.minusSeconds(86_400)};
    }

    private static String distinctiveName(Random r) {
        StringBuilder b = new StringBuilder("fld_");
        for (int i = 0; i < 6; i++) {
            b.append((char) ('a' + r.nextInt(26)));
        }
        return b.toString();
    }

    private static boolean chance(Random r, int percent) {
        return r.nextInt(100) < percent;
    }

    @SafeVarargs
    private static <T> T pick(Random r, T... values) {
        return values[r.nextInt(values.length)];
    }

    private static <T> T pick(Random r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    /** Seeds whose scenario gives a non-owner a plan (about one in ten). */
    @Provide
    Arbitrary<Long> allowedSeeds() {
        return Arbitraries.longs().filter(seed -> nonOwnerPlan(scenario(seed)).isPresent());
    }

    private static Scenario scenario(long seed) {
        return scenario(new Random(seed));
    }

    private static Optional<Plan> nonOwnerPlan(Scenario s) {
        if (s.byOwner() || !(s.decide() instanceof Decision.Allow allow)) {
            return Optional.empty();
        }
        return Optional.of(allow.plan());
    }

    @Property(tries = 300)
    void noPlanForANonOwnerContainsAForbiddenField(@ForAll("allowedSeeds") long seed) {
        Scenario s = scenario(seed);
        Plan plan = nonOwnerPlan(s).orElseThrow();
        assertThat(s.dataset().sharingClass()).isNotEqualTo(SharingClass.FORBIDDEN);
        for (String field : plan.fields()) {
            assertThat(s.dataset().field(field).orElseThrow().fieldClass()).isNotEqualTo(SharingClass.FORBIDDEN);
        }
    }

    @Property(tries = 300)
    void planFieldsAreGrantedFieldsAndLimitsAreTheGrants(@ForAll("allowedSeeds") long seed) {
        Scenario s = scenario(seed);
        Plan plan = nonOwnerPlan(s).orElseThrow();
        Grant g = s.grant().orElseThrow();
        assertThat(s.grantedNames()).containsAll(plan.fields());
        assertThat(plan.projection()).isSubsetOf(plan.fields());
        if (plan.mode() == AccessMode.AGGREGATE) {
            assertThat(plan.projection()).isEqualTo(plan.groupBy());
        } else {
            assertThat(plan.projection()).isNotEmpty();
        }
        assertThat(plan.limits().pageSize()).isBetween(1, g.pageSizeCap());
        assertThat(plan.limits().minGroupSize()).isEqualTo(g.minGroupSize());
        assertThat(plan.mode().isAtLeastAsStrictAs(g.mode())).isTrue();
        assertThat(Filter.impliesSyntactically(plan.rowFilter().orElse(null), g.rowFilter().orElse(null))).isTrue();
        if (g.kind() == GrantKind.OPEN_USE) {
            for (String field : plan.fields()) {
                assertThat(s.dataset().field(field).orElseThrow().fieldClass()).isEqualTo(SharingClass.OPEN);
            }
        }
    }

    @Property(tries = 300)
    void restrictedFieldsNotGrantedInClearAreMasked(@ForAll("allowedSeeds") long seed) {
        Scenario s = scenario(seed);
        Plan plan = nonOwnerPlan(s).orElseThrow();
        for (String field : plan.fields()) {
            FieldView view = s.dataset().field(field).orElseThrow();
            boolean clear = s.grant().orElseThrow().field(field).orElseThrow().clear();
            if (view.fieldClass() == SharingClass.RESTRICTED && !clear) {
                assertThat(plan.maskingOf(field).isClear()).as(field).isFalse();
            }
        }
    }

    @Property(tries = 600)
    void denyMessagesNeverNameAnUngrantedField(@ForAll("seeds") long seed) {
        Scenario s = scenario(seed);
        if (s.decide() instanceof Decision.Deny deny) {
            for (String name : s.ungrantedNames()) {
                assertThat(deny.message()).doesNotContain(name);
            }
            assertThat(deny.message()).doesNotContain("fld_");
        }
    }

    @Property(tries = 300)
    void decisionsAreDeterministic(@ForAll("seeds") long seed) {
        assertThat(scenario(seed).decide()).isEqualTo(scenario(seed).decide());
    }

    @Property(tries = 300)
    void theOwnerIsOnlyRefusedForShapeRoleOrUnknownFields(@ForAll("seeds") long seed) {
        Scenario s = scenario(seed);
        if (s.byOwner() && s.decide() instanceof Decision.Deny deny) {
            assertThat(deny.reason()).isIn(DenyReason.MALFORMED_REQUEST, DenyReason.ROLE_NOT_PERMITTED, DenyReason.UNKNOWN_FIELD);
        }
    }

    @Property(tries = 300)
    void executedPlansNeverOutputValuesOfUngrantedOrForbiddenFields(@ForAll("allowedSeeds") long seed) {
        Scenario s = scenario(seed);
        Plan plan = nonOwnerPlan(s).orElseThrow();
        Random r = new Random(seed ^ 0x5eed);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Map<String, Object> row = new HashMap<>();
            for (FieldView f : s.dataset().fields()) {
                boolean delivered = plan.fields().contains(f.name());
                row.put(f.name(), delivered ? ordinaryValue(r) : "SENTINEL-" + f.name() + "-" + r.nextInt(1000));
            }
            rows.add(row);
        }
        List<Map<String, Object>> out = new PlanExecutor(plan, new Masker(new byte[32])).execute(rows);
        for (Map<String, Object> row : out) {
            for (Map.Entry<String, Object> cell : row.entrySet()) {
                assertThat(String.valueOf(cell.getValue())).doesNotContain("SENTINEL");
                assertThat(cell.getKey()).doesNotContain("SENTINEL");
            }
            for (String name : s.ungrantedNames()) {
                assertThat(row.keySet()).noneMatch(key -> key.contains(name));
            }
        }
    }

    private static Object ordinaryValue(Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> null;
            case 1 -> (long) r.nextInt(10);
            case 2 -> "v" + r.nextInt(3);
            case 3 -> LocalDate.of(1980 + r.nextInt(30), 1 + r.nextInt(12), 1);
            default -> r.nextBoolean();
        };
    }
}
