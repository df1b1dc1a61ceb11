package org.govdx.exchange.review;

import org.govdx.common.problem.Problem;
import org.govdx.exchange.catalog.CatalogDataset;
import org.govdx.rules.classification.AccessMode;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ConformityReviewTests {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    static CatalogDataset residents(String classification) {
        return new CatalogDataset(UUID.randomUUID(), "MCA-RESIDENTS", "居民户籍", "Residents", "civil-affairs", "PUBLISHED", 1, 1, "PUBLISHED",
                classification, "《个人信息保护法》", "abc", "HOSTED", List.of(
                new CatalogDataset.Field("resident_id", "公民身份号码", "STRING", "DE0001", "RESTRICTED", "resident_id", true),
                new CatalogDataset.Field("name", "姓名", "STRING", "DE0002", "RESTRICTED", "chinese_name", false),
                new CatalogDataset.Field("district_code", "区县", "STRING", "DE0007", "OPEN", "none", false),
                new CatalogDataset.Field("ethnicity", "民族", "STRING", null, "FORBIDDEN", "redact", false)));
    }

    static Terms terms(List<String> fields, AccessMode mode, String filter, Map<String, String> masking) {
        return new Terms(fields, masking, "SOCIAL_ASSISTANCE_ELIGIBILITY", "核对低保申请人户籍", "《社会救助暂行办法》第十一条", mode, filter,
                TODAY, TODAY.plusYears(1), 1000, 100, 90, 10, List.of("hrss-steward"));
    }

    private static List<String> violated(CatalogDataset dataset, Terms terms, String consumer) {
        return ConformityReview.review(dataset, terms, consumer, TODAY, ConformityReview.Limits.DEFAULT).violations().stream()
                .map(Problem.Violation::field).toList();
    }

    @Test
    void aWellFormedRequestPassesWithoutManualReview() {
        var outcome = ConformityReview.review(residents("RESTRICTED"), terms(List.of("resident_id", "district_code"), AccessMode.VIEW,
                "district_code = '320505'", Map.of()), "hrss", TODAY, ConformityReview.Limits.DEFAULT);
        assertThat(outcome.violations()).isEmpty();
        assertThat(outcome.manualReview()).isFalse();
    }

    @Test
    void aForbiddenDatasetCannotBeRequestedAtAll() {
        assertThat(violated(residents("FORBIDDEN"), terms(List.of("district_code"), AccessMode.AGGREGATE, null, Map.of()), "hrss"))
                .containsExactly("datasetId");
    }

    @Test
    void aForbiddenFieldAnUnknownFieldAndADuplicateAreEachNamed() {
        assertThat(violated(residents("RESTRICTED"), terms(List.of("resident_id", "ethnicity", "salary", "resident_id"), AccessMode.VIEW, null, Map.of()), "hrss"))
                .containsExactly("fields[1]", "fields[2]", "fields[3]");
    }

    @Test
    void theFilterMayNameOnlyRequestedFieldsAndMustParse() {
        assertThat(violated(residents("RESTRICTED"), terms(List.of("resident_id"), AccessMode.VIEW, "district_code = '320505'", Map.of()), "hrss"))
                .containsExactly("rowFilter");
        assertThat(violated(residents("RESTRICTED"), terms(List.of("resident_id"), AccessMode.VIEW, "resident_id = '1' or 1=1 --", Map.of()), "hrss"))
                .containsExactly("rowFilter");
    }

    @Test
    void restrictedFieldsAreNeverExportedInClear() {
        assertThat(violated(residents("RESTRICTED"), terms(List.of("name"), AccessMode.EXTRACT, null, Map.of("name", "none")), "hrss"))
                .containsExactly("masking.name");
        assertThat(violated(residents("RESTRICTED"), terms(List.of("name"), AccessMode.VIEW, null, Map.of("name", "none")), "hrss")).isEmpty();
        assertThat(violated(residents("RESTRICTED"), terms(List.of("name"), AccessMode.VIEW, null, Map.of("name", "scramble")), "hrss"))
                .containsExactly("masking.name");
    }

    @Test
    void termsAreChecked() {
        Terms backwards = new Terms(List.of("district_code"), Map.of(), "STATISTICS", "统计", "basis", AccessMode.AGGREGATE, null,
                TODAY.plusDays(10), TODAY.plusDays(5), 0, 0, 30, 10, List.of("hrss-steward"));
        assertThat(violated(residents("RESTRICTED"), backwards, "hrss")).contains("term.end");
        Terms tooLong = new Terms(List.of("district_code"), Map.of(), "STATISTICS", "统计", "basis", AccessMode.AGGREGATE, null,
                TODAY, TODAY.plusYears(4), 0, 0, 30, 10, List.of("hrss-steward"));
        assertThat(violated(residents("RESTRICTED"), tooLong, "hrss")).containsExactly("term");
        Terms nobody = new Terms(List.of("district_code"), Map.of(), "STATISTICS", "统计", null, AccessMode.VIEW, null,
                TODAY, TODAY.plusDays(30), 0, 0, 0, 2, List.of());
        assertThat(violated(residents("RESTRICTED"), nobody, "hrss"))
                .containsExactlyInAnyOrder("legalBasis", "dailyRowQuota", "retentionDays", "minGroupSize", "authorisedUsers");
    }

    @Test
    void aPurposeOutsideTheListIsRefusedAndOtherGoesToManualReview() {
        Terms unknown = new Terms(List.of("district_code"), Map.of(), "CURIOSITY", "看看", "basis", AccessMode.AGGREGATE, null,
                TODAY, TODAY.plusDays(30), 0, 0, 30, 10, List.of("hrss-steward"));
        assertThat(violated(residents("RESTRICTED"), unknown, "hrss")).containsExactly("purpose");
        Terms other = new Terms(List.of("district_code"), Map.of(), "OTHER", "专项调研", "basis", AccessMode.AGGREGATE, null,
                TODAY, TODAY.plusDays(30), 0, 0, 30, 10, List.of("hrss-steward"));
        var outcome = ConformityReview.review(residents("RESTRICTED"), other, "hrss", TODAY, ConformityReview.Limits.DEFAULT);
        assertThat(outcome.passes()).isTrue();
        assertThat(outcome.manualReview()).isTrue();
    }

    @Test
    void aDepartmentDoesNotRequestItsOwnDataAndOnlyTheCurrentPublishedVersion() {
        assertThat(violated(residents("RESTRICTED"), terms(List.of("district_code"), AccessMode.VIEW, null, Map.of()), "civil-affairs"))
                .containsExactly("datasetId");
        CatalogDataset old = new CatalogDataset(UUID.randomUUID(), "X", "x", "x", "civil-affairs", "PUBLISHED", 2, 1, "SUPERSEDED",
                "RESTRICTED", "b", "h", "HOSTED", residents("RESTRICTED").fields());
        assertThat(violated(old, terms(List.of("district_code"), AccessMode.VIEW, null, Map.of()), "hrss")).containsExactly("datasetVersion");
    }
}
