package org.govdx.rules.policy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.govdx.rules.classification.AccessMode;
import org.govdx.rules.classification.SharingClass;
import org.govdx.rules.filter.Filter;
import org.govdx.rules.masking.MaskingRule;

/** A household dataset of the public security bureau, shared with civil affairs under an agreement. */
final class PolicyFixtures {

    static final String PROVIDER = "PSB";
    static final String CONSUMER = "CAB";
    static final String PURPOSE = "subsistence allowance review";
    static final Instant NOW = Instant.parse("2025-06-01T08:00:00Z");
    static final Instant TERM_START = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant TERM_END = Instant.parse("2026-01-01T00:00:00Z");

    private PolicyFixtures() {
    }

    static DatasetView household() {
        return household(SharingClass.RESTRICTED, 3);
    }

    static DatasetView household(SharingClass datasetClass, int version) {
        return new DatasetView("household", version, PROVIDER, datasetClass, List.of(
                new FieldView("person_id", SharingClass.RESTRICTED, MaskingRule.parse("resident_id"), true),
                new FieldView("name", SharingClass.RESTRICTED, MaskingRule.parse("chinese_name"), false),
                new FieldView("district", SharingClass.OPEN, MaskingRule.NONE, false),
                new FieldView("birth_date", SharingClass.RESTRICTED, MaskingRule.parse("generalize(date:year)"), false),
                new FieldView("income", SharingClass.RESTRICTED, MaskingRule.NONE, false),
                new FieldView("household_size", SharingClass.OPEN, MaskingRule.NONE, false),
                new FieldView("spouse_id", SharingClass.RESTRICTED, MaskingRule.parse("resident_id"), false),
                new FieldView("criminal_record", SharingClass.FORBIDDEN, MaskingRule.REDACT, false)));
    }

    static Grant.Builder agreement() {
        return Grant.builder()
                .id("agr-1").kind(GrantKind.AGREEMENT)
                .consumerDepartment(CONSUMER).providerDepartment(PROVIDER)
                .dataset("household", 3).state(GrantState.ACTIVE).term(TERM_START, TERM_END)
                .field(GrantedField.withDefaultMasking("person_id"))
                .field(GrantedField.withDefaultMasking("name"))
                .field(GrantedField.clear("district"))
                .field(GrantedField.withDefaultMasking("birth_date"))
                .field(GrantedField.withDefaultMasking("income"))
                .field(GrantedField.clear("household_size"))
                .mode(AccessMode.VIEW)
                .rowFilter(Filter.parse("district = '320505'"))
                .purpose(PURPOSE)
                .authorise("clerk-1")
                .pageSizeCap(100);
    }

    static Caller clerk() {
        return Caller.user(CONSUMER, "clerk-1", Set.of(Role.STEWARD));
    }

    static DataRequest.Builder view() {
        return DataRequest.builder(AccessMode.VIEW, NOW).purpose(PURPOSE);
    }

    static Decision decide(Caller caller, DatasetView dataset, Grant grant, DataRequest request) {
        return PolicyDecisionPoint.decide(caller, dataset, Optional.ofNullable(grant), request);
    }
}
