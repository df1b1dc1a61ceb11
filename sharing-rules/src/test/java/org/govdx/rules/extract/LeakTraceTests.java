package org.govdx.rules.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.govdx.rules.classification.AccessMode;
import org.govdx.rules.classification.SharingClass;
import org.govdx.rules.masking.Masker;
import org.govdx.rules.masking.MaskingRule;
import org.govdx.rules.policy.Caller;
import org.govdx.rules.policy.DataRequest;
import org.govdx.rules.policy.DatasetView;
import org.govdx.rules.policy.Decision;
import org.govdx.rules.policy.FieldView;
import org.govdx.rules.policy.Grant;
import org.govdx.rules.policy.GrantedField;
import org.govdx.rules.policy.Plan;
import org.govdx.rules.policy.PolicyDecisionPoint;
import org.govdx.rules.policy.Role;
import org.junit.jupiter.api.Test;

/** Leaked copies (a 5% sample, columns reordered, header stripped) traced among several agreements. */
class LeakTraceTests {

    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    static final DatasetView DATASET = new DatasetView("ds", 1, "civil-affairs", SharingClass.RESTRICTED, List.of(
            new FieldView("person_id", SharingClass.RESTRICTED, MaskingRule.PSEUDONYM, true),
            new FieldView("name", SharingClass.RESTRICTED, MaskingRule.parse("chinese_name"), false),
            new FieldView("district_code", SharingClass.OPEN, MaskingRule.NONE, false),
            new FieldView("income", SharingClass.RESTRICTED, MaskingRule.REDACT, false)));

    record Copy(String agreement, List<String> fields, List<Map<String, Object>> rows, Masker masker, Watermark watermark, Set<String> pseudonyms) {
    }

    static Copy extract(String agreement, String department, List<GrantedField> fields, List<Map<String, Object>> source) {
        Grant grant = Grant.builder().id(agreement).consumerDepartment(department).providerDepartment("civil-affairs").dataset("ds", 1)
                .term(NOW.minusSeconds(86_400), NOW.plusSeconds(86_400)).fields(fields).mode(AccessMode.EXTRACT).purpose("p")
                .authorise(department + "-steward").build();
        Decision d = PolicyDecisionPoint.decide(Caller.user(department, department + "-steward", Set.of(Role.STEWARD)), DATASET,
                Optional.of(grant), DataRequest.builder(AccessMode.EXTRACT, NOW).purpose("p").build());
        Plan plan = ((Decision.Allow) d).plan();
        Masker masker = new Masker(("pseudonym-key-of-" + agreement).getBytes(StandardCharsets.UTF_8));
        Watermark watermark = new Watermark(("watermark-key-of-" + agreement).getBytes(StandardCharsets.UTF_8));
        ExtractRows rows = new ExtractRows(plan, masker, watermark, Set.of("income"));
        List<Map<String, Object>> out = new ArrayList<>();
        source.forEach(r -> out.add(rows.row(r)));
        Set<String> pseudonyms = new HashSet<>();
        source.forEach(r -> pseudonyms.add(masker.pseudonym(r.get("person_id"))));
        return new Copy(agreement, plan.projection(), out, masker, watermark, pseudonyms);
    }

    static List<Map<String, Object>> source(int n) {
        Random r = new Random(7);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("person_id", "P" + (100000 + i));
            row.put("name", "张三");
            row.put("district_code", r.nextBoolean() ? "320505" : "320506");
            row.put("income", BigDecimal.valueOf(100_000 + r.nextInt(900_000), 2));
            rows.add(row);
        }
        return rows;
    }

    /** The leaker's file: CSV without header, a 5% sample in random order, columns reversed; parsed back into cells. */
    static List<List<String>> leak(Copy copy, double fraction, long seed) {
        StringBuilder csv = new StringBuilder();
        List<String> reversed = new ArrayList<>(copy.fields());
        Collections.reverse(reversed);
        List<Map<String, Object>> rows = new ArrayList<>(copy.rows());
        Collections.shuffle(rows, new Random(seed));
        rows.subList((int) Math.ceil(rows.size() * fraction), rows.size()).clear();
        rows.forEach(r -> ExtractFormat.CSV.row(reversed, r, csv));
        List<List<String>> cells = new ArrayList<>();
        for (String line : csv.toString().split("\r\n")) {
            cells.add(List.of(line.split(",", -1)));
        }
        return cells;
    }

    static final List<GrantedField> WITH_PSEUDONYM = List.of(GrantedField.masked("person_id", MaskingRule.PSEUDONYM),
            GrantedField.withDefaultMasking("name"), GrantedField.clear("district_code"), GrantedField.clear("income"));
    static final List<GrantedField> MARK_ONLY = List.of(GrantedField.withDefaultMasking("name"), GrantedField.clear("district_code"),
            GrantedField.clear("income"));

    static List<LeakTrace.Candidate> candidates(List<Copy> copies) {
        return copies.stream().map(c -> new LeakTrace.Candidate(c.agreement(), c.watermark(), c.pseudonyms()::contains)).toList();
    }

    @Test
    void aFivePercentSampleIsTracedToItsAgreementAmongSeveral() {
        List<Map<String, Object>> source = source(1000);
        List<Copy> copies = List.of(extract("a1", "hrss", WITH_PSEUDONYM, source), extract("a2", "health", WITH_PSEUDONYM, source),
                extract("a3", "transport", MARK_ONLY, source), extract("a4", "public-security", MARK_ONLY, source));
        for (Copy leaked : copies) {
            List<LeakTrace.Score> scores = LeakTrace.score(leak(leaked, 0.05, 3), candidates(copies));
            assertThat(scores.get(0).candidateId()).isEqualTo(leaked.agreement());
            assertThat(scores.get(0).attributed()).isTrue();
            assertThat(scores.get(0).score()).isEqualTo(1.0);
            assertThat(scores.subList(1, scores.size())).allSatisfy(s -> assertThat(s.attributed()).as(s.toString()).isFalse());
        }
    }

    @Test
    void aCopyFromAnAgreementNotAmongTheCandidatesOrTheProvidersOwnDataIsAttributedToNone() {
        List<Map<String, Object>> source = source(1000);
        List<Copy> copies = List.of(extract("a1", "hrss", WITH_PSEUDONYM, source), extract("a3", "transport", MARK_ONLY, source));
        Copy other = extract("a9", "market-regulation", WITH_PSEUDONYM, source);
        assertThat(LeakTrace.score(leak(other, 0.05, 4), candidates(copies))).noneMatch(LeakTrace.Score::attributed);
        List<List<String>> raw = new ArrayList<>();
        source.subList(0, 200).forEach(r -> raw.add(r.values().stream().map(v -> v instanceof BigDecimal d ? d.toPlainString() : v.toString()).toList()));
        assertThat(LeakTrace.score(raw, candidates(copies))).noneMatch(LeakTrace.Score::attributed);
    }

    @Test
    void withThePseudonymColumnDeletedTheWatermarkStillNamesTheAgreement() {
        List<Map<String, Object>> source = source(1000);
        List<Copy> copies = List.of(extract("a1", "hrss", WITH_PSEUDONYM, source), extract("a2", "health", WITH_PSEUDONYM, source));
        List<List<String>> leaked = new ArrayList<>();
        for (List<String> row : leak(copies.get(1), 0.05, 5)) {
            leaked.add(row.stream().filter(c -> !LeakTrace.looksLikePseudonym(c)).toList());
        }
        List<LeakTrace.Score> scores = LeakTrace.score(leaked, candidates(copies));
        assertThat(scores.get(0).candidateId()).isEqualTo("a2");
        assertThat(scores.get(0).attributed()).isTrue();
        assertThat(scores.get(1).attributed()).isFalse();
    }

    @Test
    void twoAgreementsNeverShareAPseudonym() {
        List<Map<String, Object>> source = source(500);
        Copy a = extract("a1", "hrss", WITH_PSEUDONYM, source);
        Copy b = extract("a2", "health", WITH_PSEUDONYM, source);
        Set<String> common = new HashSet<>(a.pseudonyms());
        common.retainAll(b.pseudonyms());
        assertThat(common).isEmpty();
    }
}
