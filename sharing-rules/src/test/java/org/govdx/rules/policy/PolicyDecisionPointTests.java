package org.govdx.rules.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.govdx.rules.policy.PolicyFixtures.CONSUMER;
import static org.govdx.rules.policy.PolicyFixtures.NOW;
import static org.govdx.rules.policy.PolicyFixtures.PROVIDER;
import static org.govdx.rules.policy.PolicyFixtures.TERM_END;
import static org.govdx.rules.policy.PolicyFixtures.agreement;
import static org.govdx.rules.policy.PolicyFixtures.clerk;
import static org.govdx.rules.policy.PolicyFixtures.decide;
import static org.govdx.rules.policy.PolicyFixtures.household;
import static org.govdx.rules.policy.PolicyFixtures.view;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.govdx.rules.classification.AccessMode;
import org.govdx.rules.classification.SharingClass;
import org.govdx.rules.filter.Filter;
import org.govdx.rules.masking.MaskingRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PolicyDecisionPointTests {

    private static Plan allowed(Decision decision) {
        assertThat(decision).isInstanceOf(Decision.Allow.class);
        return ((Decision.Allow) decision).plan();
    }

    private static void assertDenied(Decision decision, DenyReason reason) {
        assertThat(decision).isInstanceOf(Decision.Deny.class);
        Decision.Deny deny = (Decision.Deny) decision;
        assertThat(deny.reason()).isEqualTo(reason);
        assertThat(deny.message()).startsWith(reason.message());
        for (String ungranted : List.of("spouse_id", "criminal_record", "no_such_field")) {
            assertThat(deny.message()).doesNotContain(ungranted);
        }
    }

    @Test
    void agreementGivesMaskedPlanWithGrantAndCallerFilters() {
        Plan plan = allowed(decide(clerk(), household(), agreement().build(),
                view().fields("name", "district", "person_id").filter(Filter.parse("household_size >= 3")).build()));
        assertThat(plan.basis()).isEqualTo(PlanBasis.AGREEMENT);
        assertThat(plan.grantId()).contains("agr-1");
        assertThat(plan.projection()).containsExactly("name", "district", "person_id");
        assertThat(plan.maskingOf("name")).isEqualTo(MaskingRule.parse("chinese_name"));
        assertThat(plan.maskingOf("district")).isEqualTo(MaskingRule.NONE);
        assertThat(plan.maskingOf("person_id")).isEqualTo(MaskingRule.parse("resident_id"));
        assertThat(plan.rowFilter()).contains(Filter.parse("district = '320505' and household_size >= 3"));
        assertThat(plan.limits()).isEqualTo(new Limits(100, 10, java.util.OptionalLong.of(10_000)));
        assertThat(plan.requiresWatermark()).isFalse();
    }

    @Test
    void emptyFieldListMeansEveryDeliverableFieldInCatalogOrder() {
        Grant grant = agreement().field(GrantedField.clear("criminal_record")).build();
        Plan plan = allowed(decide(clerk(), household(), grant, view().build()));
        assertThat(plan.projection()).containsExactly("person_id", "name", "district", "birth_date", "income", "household_size");
        // a RESTRICTED field without grant or default masking is redacted, never clear
        assertThat(plan.maskingOf("income")).isEqualTo(MaskingRule.REDACT);
    }

    @Test
    void grantMaskingOverridesDefaultAndClearOverridesBoth() {
        Grant grant = agreement().fields(List.of()).build();
        Grant custom = Grant.builder().id("agr-2").consumerDepartment(CONSUMER).providerDepartment(PROVIDER)
                .dataset("household", 3).term(grant.termStart(), grant.termEnd()).purpose(grant.purpose())
                .authorise("clerk-1")
                .field(GrantedField.masked("person_id", MaskingRule.PSEUDONYM))
                .field(GrantedField.clear("income"))
                .build();
        Plan plan = allowed(decide(clerk(), household(), custom, view().build()));
        assertThat(plan.masking()).containsExactly(
                java.util.Map.entry("person_id", MaskingRule.PSEUDONYM), java.util.Map.entry("income", MaskingRule.NONE));
        assertThat(plan.rowFilter()).isEmpty();
    }

    @Test
    void ownerReadsEverythingInClearWithoutAGrant() {
        Caller owner = Caller.user(PROVIDER, "steward-9", Set.of(Role.STEWARD));
        Plan plan = allowed(decide(owner, household(SharingClass.FORBIDDEN, 3), null,
                DataRequest.builder(AccessMode.EXTRACT, NOW).fields("criminal_record", "name").build()));
        assertThat(plan.basis()).isEqualTo(PlanBasis.OWNER);
        assertThat(plan.masking().values()).containsOnly(MaskingRule.NONE);
        assertThat(plan.limits().dailyRowQuota()).isEmpty();
        assertThat(plan.limits().pageSize()).isEqualTo(Limits.DEFAULT_OWNER_PAGE_SIZE);
        assertThat(plan.requiresWatermark()).isFalse();
    }

    @Test
    void aggregateIsAllowedUnderAViewGrantWithTheGrantsGroupSize() {
        Plan plan = allowed(decide(clerk(), household(), agreement().minGroupSize(20).build(),
                DataRequest.builder(AccessMode.AGGREGATE, NOW).purpose(PolicyFixtures.PURPOSE)
                        .groupBy("district", "birth_date").aggregate(AggregateOp.countAll())
                        .aggregate(AggregateOp.of(AggregateFunction.COUNT, "person_id"))
                        .aggregate(AggregateOp.of(AggregateFunction.SUM, "household_size")).build()));
        assertThat(plan.mode()).isEqualTo(AccessMode.AGGREGATE);
        assertThat(plan.projection()).containsExactly("district", "birth_date");
        assertThat(plan.maskingOf("birth_date")).isEqualTo(MaskingRule.parse("generalize(date:year)"));
        assertThat(plan.limits().minGroupSize()).isEqualTo(20);
        assertThat(plan.fields()).containsExactlyInAnyOrder("district", "birth_date", "person_id", "household_size");
    }

    @Test
    void viewUnderAnExtractGrantIsAllowedAndExtractIsWatermarked() {
        Grant extract = agreement().mode(AccessMode.EXTRACT).build();
        assertThat(allowed(decide(clerk(), household(), extract, view().build())).mode()).isEqualTo(AccessMode.VIEW);
        Plan plan = allowed(decide(clerk(), household(), extract, DataRequest.builder(AccessMode.EXTRACT, NOW)
                .purpose(PolicyFixtures.PURPOSE).build()));
        assertThat(plan.requiresWatermark()).isTrue();
    }

    @Test
    void equalityLookupOnAMaskedFieldIsAllowed() {
        Plan plan = allowed(decide(clerk(), household(), agreement().build(),
                view().filter(Filter.parse("person_id = '11010519491231002X' or person_id in ('x') or name is null")).build()));
        assertThat(plan.maskingOf("person_id").isClear()).isFalse();
    }

    @Test
    void systemClientOnBehalfOfAnAuthorisedClerkIsAllowed() {
        Caller system = Caller.systemOnBehalfOf(CONSUMER, "cab-case-system", Set.of(Role.STEWARD), "clerk-1");
        allowed(decide(system, household(), agreement().build(), view().build()));
    }

    @Test
    void openDataAcceptsOpenUseGrantsAndAgreementsButNeverDeliversRestrictedFieldsUnderOpenUse() {
        DatasetView open = household(SharingClass.OPEN, 3);
        Grant openUse = agreement().kind(GrantKind.OPEN_USE).build();
        Plan plan = allowed(decide(clerk(), open, openUse, view().build()));
        assertThat(plan.basis()).isEqualTo(PlanBasis.OPEN_USE);
        assertThat(plan.projection()).containsExactly("district", "household_size");
        assertDenied(decide(clerk(), open, openUse, view().fields("name").build()), DenyReason.FIELD_NOT_GRANTED);
        assertThat(allowed(decide(clerk(), open, agreement().build(), view().build())).projection()).contains("name");
    }

    @Test
    void ungrantedAndNonexistentFieldsGetTheSameAnswer() {
        Decision ungranted = decide(clerk(), household(), agreement().build(), view().fields("spouse_id").build());
        Decision missing = decide(clerk(), household(), agreement().build(), view().fields("no_such_field").build());
        assertThat(ungranted).isEqualTo(missing);
        Decision filterUngranted = decide(clerk(), household(), agreement().build(), view().filter(Filter.parse("spouse_id = '1'")).build());
        Decision filterMissing = decide(clerk(), household(), agreement().build(), view().filter(Filter.parse("no_such_field = '1'")).build());
        Decision filterForbidden = decide(clerk(), household(), agreement().build(), view().filter(Filter.parse("criminal_record is null")).build());
        assertThat(filterUngranted).isEqualTo(filterMissing).isEqualTo(filterForbidden);
    }

    @Test
    void deniesAnotherDepartmentsGrantBeforeRevealingAnythingAboutIt() {
        Grant revokedOtherVersion = agreement().consumerDepartment("EDU").state(GrantState.REVOKED).dataset("household", 2).build();
        assertDenied(decide(clerk(), household(), revokedOtherVersion, view().build()), DenyReason.WRONG_DEPARTMENT);
    }

    @Test
    void termEndIsExclusiveAndStartInclusive() {
        assertDenied(decide(clerk(), household(), agreement().build(),
                DataRequest.builder(AccessMode.VIEW, TERM_END).purpose(PolicyFixtures.PURPOSE).build()), DenyReason.GRANT_EXPIRED);
        allowed(decide(clerk(), household(), agreement().build(),
                DataRequest.builder(AccessMode.VIEW, PolicyFixtures.TERM_START).purpose(PolicyFixtures.PURPOSE).build()));
    }

    @ParameterizedTest
    @EnumSource(DenyReason.class)
    void eachDenyReasonHasAnExample(DenyReason reason) {
        DatasetView dataset = household();
        Grant.Builder grant = agreement();
        Caller caller = clerk();
        DataRequest.Builder request = view();
        boolean withGrant = true;
        switch (reason) {
            case MALFORMED_REQUEST -> request.groupBy("district");
            case ROLE_NOT_PERMITTED -> caller = Caller.user(CONSUMER, "clerk-1", Set.of(Role.CDO, Role.AUDITOR));
            case UNKNOWN_FIELD -> {
                caller = Caller.user(PROVIDER, "steward-9", Set.of(Role.STEWARD));
                request.fields("no_such_field");
            }
            case DATASET_FORBIDDEN -> dataset = household(SharingClass.FORBIDDEN, 3);
            case NO_GRANT -> withGrant = false;
            case WRONG_DEPARTMENT -> caller = Caller.user("EDU", "clerk-1", Set.of(Role.STEWARD));
            case WRONG_DATASET_VERSION -> dataset = household(SharingClass.RESTRICTED, 4);
            case WRONG_GRANT_KIND -> grant.kind(GrantKind.OPEN_USE);
            case GRANT_NOT_ACTIVE -> grant.state(GrantState.SUSPENDED);
            case GRANT_NOT_YET_VALID -> grant.term(NOW.plusSeconds(1), TERM_END);
            case GRANT_EXPIRED -> grant.state(GrantState.EXPIRED);
            case USER_NOT_AUTHORISED -> caller = Caller.systemOnBehalfOf(CONSUMER, "clerk-1", Set.of(Role.STEWARD), "clerk-2");
            case PURPOSE_MISMATCH -> request.purpose("marketing");
            case CASE_REFERENCE_MISSING -> grant.caseReferenceRequired(true);
            case MODE_NOT_GRANTED -> request = DataRequest.builder(AccessMode.EXTRACT, NOW).purpose(PolicyFixtures.PURPOSE);
            case FIELD_FORBIDDEN -> {
                grant.field(GrantedField.clear("criminal_record"));
                request.fields("name", "criminal_record");
            }
            case FIELD_NOT_GRANTED -> request.fields("name", "spouse_id");
            case FILTER_ON_UNGRANTED_FIELD -> request.filter(Filter.parse("name is not null and spouse_id is null"));
            case SORT_ON_UNGRANTED_FIELD -> request.sort(SortKey.asc("spouse_id"));
            case GROUP_BY_ON_UNGRANTED_FIELD -> request = aggregate().groupBy("criminal_record");
            case AGGREGATE_ON_UNGRANTED_FIELD -> request = aggregate().aggregate(AggregateOp.of(AggregateFunction.COUNT, "spouse_id"));
            case RANGE_FILTER_ON_MASKED_FIELD -> request.filter(Filter.parse("birth_date > date '1990-01-01'"));
            case SORT_ON_MASKED_FIELD -> request.sort(SortKey.desc("district")).sort(SortKey.asc("birth_date"));
            case AGGREGATE_ON_MASKED_FIELD -> request = aggregate().aggregate(AggregateOp.of(AggregateFunction.MAX, "income"));
            case PAGE_TOO_LARGE -> request.pageSize(101);
            case NO_DELIVERABLE_FIELDS -> grant = Grant.builder().id("agr-3").consumerDepartment(CONSUMER)
                    .providerDepartment(PROVIDER).dataset("household", 3).term(PolicyFixtures.TERM_START, TERM_END)
                    .purpose(PolicyFixtures.PURPOSE).authorise("clerk-1").field(GrantedField.masked("criminal_record", MaskingRule.PSEUDONYM));
        }
        Decision decision = decide(caller, dataset, withGrant ? grant.build() : null, request.build());
        assertDenied(decision, reason);
    }

    @Test
    void moreDenialsOfTheSameReasons() {
        Grant grant = agreement().build();
        assertDenied(decide(clerk(), household(), grant, DataRequest.builder(AccessMode.AGGREGATE, NOW)
                .purpose(PolicyFixtures.PURPOSE).build()), DenyReason.MALFORMED_REQUEST);
        assertDenied(decide(clerk(), household(), grant, aggregate().fields("district").build()), DenyReason.MALFORMED_REQUEST);
        assertDenied(decide(clerk(), household(), grant, view().pageSize(-1).build()), DenyReason.MALFORMED_REQUEST);
        assertDenied(decide(clerk(), household(), agreement().dataset("other", 3).build(), view().build()), DenyReason.NO_GRANT);
        assertDenied(decide(clerk(), household(), agreement().providerDepartment("HRSS").build(), view().build()), DenyReason.NO_GRANT);
        for (GrantState state : List.of(GrantState.REVOKED, GrantState.SUPERSEDED)) {
            assertDenied(decide(clerk(), household(), agreement().state(state).build(), view().build()), DenyReason.GRANT_NOT_ACTIVE);
        }
        assertDenied(decide(Caller.user(CONSUMER, "clerk-2", Set.of(Role.STEWARD)), household(), grant, view().build()),
                DenyReason.USER_NOT_AUTHORISED);
        assertDenied(decide(clerk(), household(), Grant.builder().id("agr-4").consumerDepartment(CONSUMER)
                .providerDepartment(PROVIDER).dataset("household", 3).term(PolicyFixtures.TERM_START, TERM_END)
                .purpose(PolicyFixtures.PURPOSE).field(GrantedField.clear("district")).build(), view().build()),
                DenyReason.USER_NOT_AUTHORISED);
        assertDenied(decide(clerk(), household(), agreement().caseReferenceRequired(true).build(),
                view().caseReference("  ").build()), DenyReason.CASE_REFERENCE_MISSING);
        allowed(decide(clerk(), household(), agreement().caseReferenceRequired(true).build(),
                view().caseReference("CAB-2025-0042").build()));
        assertDenied(decide(clerk(), household(), agreement().mode(AccessMode.AGGREGATE).build(), view().build()),
                DenyReason.MODE_NOT_GRANTED);
        assertDenied(decide(clerk(), household(), grant, view().filter(Filter.parse("name between 'a' and 'z'")).build()),
                DenyReason.RANGE_FILTER_ON_MASKED_FIELD);
        assertDenied(decide(clerk(), household(), grant, aggregate().aggregate(AggregateOp.of(AggregateFunction.AVG, "birth_date")).build()),
                DenyReason.AGGREGATE_ON_MASKED_FIELD);
        Decision.Deny tooLarge = (Decision.Deny) decide(clerk(), household(), grant, view().pageSize(500).build());
        assertThat(tooLarge.message()).contains("100");
        // the owner is still held to the steward role
        assertDenied(decide(Caller.user(PROVIDER, "cdo-1", Set.of(Role.CDO)), household(), null, view().build()),
                DenyReason.ROLE_NOT_PERMITTED);
    }

    private static DataRequest.Builder aggregate() {
        return DataRequest.builder(AccessMode.AGGREGATE, NOW).purpose(PolicyFixtures.PURPOSE).aggregate(AggregateOp.countAll());
    }

    @Test
    void decisionsAreValues() {
        Decision a = decide(clerk(), household(), agreement().build(), view().build());
        Decision b = decide(clerk(), household(), agreement().build(), view().build());
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(PolicyDecisionPoint.decide(clerk(), household(), Optional.empty(), view().build()))
                .isEqualTo(new Decision.Deny(DenyReason.NO_GRANT, DenyReason.NO_GRANT.message()));
    }
}
