package org.govdx.exchange.review;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.govdx.rules.classification.AccessMode;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TermsComparisonTests {

    static Terms requested() {
        return new Terms(List.of("resident_id", "name", "district_code"), Map.of("name", "chinese_name"), "SOCIAL_ASSISTANCE_ELIGIBILITY",
                "核对低保申请人", "《社会救助暂行办法》", AccessMode.VIEW, "district_code = '320505'", LocalDate.of(2027, 1, 1),
                LocalDate.of(2027, 12, 31), 5000, 800, 90, 10, List.of("civil-affairs-steward", "civil-affairs-system"));
    }

    static Terms with(Terms t, List<String> fields, AccessMode mode, String filter, LocalDate end, long quota, List<String> users) {
        return new Terms(fields, t.masking(), t.purpose(), t.purposeDetail(), t.legalBasis(), mode, filter, t.termStart(), end, quota,
                t.expectedVolume(), t.retentionDays(), t.minGroupSize(), users);
    }

    @Test
    void narrowingEveryTermIsAllowed() {
        Terms r = requested();
        Terms narrowed = with(r, List.of("resident_id", "district_code"), AccessMode.AGGREGATE,
                "district_code = '320505' and resident_id is not null", LocalDate.of(2027, 6, 30), 1000, List.of("civil-affairs-system"));
        assertThat(TermsComparison.widenings(r, narrowed)).isEmpty();
        assertThat(TermsComparison.differences(r, narrowed)).extracting(TermsComparison.Difference::term)
                .contains("fields", "mode", "rowFilter", "termEnd", "dailyRowQuota", "authorisedUsers");
    }

    @Test
    void eachWideningIsNamed() {
        Terms r = requested();
        assertThat(TermsComparison.widenings(r, with(r, List.of("resident_id", "name", "district_code", "mobile"), r.mode(), r.rowFilter(), r.termEnd(), r.dailyRowQuota(), r.authorisedUsers())))
                .containsExactly("fields");
        assertThat(TermsComparison.widenings(r, with(r, r.fields(), AccessMode.EXTRACT, r.rowFilter(), r.termEnd(), r.dailyRowQuota(), r.authorisedUsers())))
                .containsExactly("mode");
        assertThat(TermsComparison.widenings(r, with(r, r.fields(), r.mode(), null, r.termEnd(), r.dailyRowQuota(), r.authorisedUsers())))
                .containsExactly("rowFilter");
        assertThat(TermsComparison.widenings(r, with(r, r.fields(), r.mode(), "district_code = '320506'", r.termEnd(), r.dailyRowQuota(), r.authorisedUsers())))
                .containsExactly("rowFilter");
        assertThat(TermsComparison.widenings(r, with(r, r.fields(), r.mode(), r.rowFilter(), LocalDate.of(2028, 1, 1), r.dailyRowQuota(), r.authorisedUsers())))
                .containsExactly("termEnd");
        assertThat(TermsComparison.widenings(r, with(r, r.fields(), r.mode(), r.rowFilter(), r.termEnd(), 5001, r.authorisedUsers())))
                .containsExactly("dailyRowQuota");
        assertThat(TermsComparison.widenings(r, with(r, r.fields(), r.mode(), r.rowFilter(), r.termEnd(), r.dailyRowQuota(), List.of("someone-else"))))
                .containsExactly("authorisedUsers");
    }

    @Test
    void unmaskingAFieldWidens() {
        Terms r = requested();
        Terms clear = new Terms(r.fields(), Map.of("name", "none"), r.purpose(), r.purposeDetail(), r.legalBasis(), r.mode(), r.rowFilter(),
                r.termStart(), r.termEnd(), r.dailyRowQuota(), r.expectedVolume(), r.retentionDays(), r.minGroupSize(), r.authorisedUsers());
        assertThat(TermsComparison.widenings(r, clear)).containsExactly("masking.name");
    }

    @Provide
    Arbitrary<Terms> narrowings() {
        Terms r = requested();
        return Combinators.combine(
                Arbitraries.subsetOf(r.fields()).ofMinSize(1).map(s -> r.fields().stream().filter(s::contains).toList()),
                Arbitraries.of(AccessMode.VIEW, AccessMode.AGGREGATE),
                Arbitraries.integers().between(0, 364),
                Arbitraries.longs().between(1, 5000),
                Arbitraries.subsetOf(r.authorisedUsers()).ofMinSize(1).map(s -> r.authorisedUsers().stream().filter(s::contains).toList()),
                Arbitraries.of(r.rowFilter(), r.rowFilter() + " and resident_id is not null"))
                .as((fields, mode, days, quota, users, filter) -> with(r, fields, mode, filter, r.termStart().plusDays(days), quota, users));
    }

    @Property(tries = 300)
    void anyCombinationOfNarrowingsIsNeverCalledWidening(@ForAll("narrowings") Terms narrowed) {
        assertThat(TermsComparison.widenings(requested(), narrowed)).isEmpty();
    }

    @Property(tries = 300)
    void addingAnyWideningOnTopOfNarrowingsIsCaught(@ForAll("narrowings") Terms narrowed) {
        Terms widened = with(narrowed, narrowed.fields(), narrowed.mode(), narrowed.rowFilter(), narrowed.termEnd(), 6000, narrowed.authorisedUsers());
        assertThat(TermsComparison.widenings(requested(), widened)).contains("dailyRowQuota");
    }
}
