package org.govdx.rules.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.govdx.rules.identifiers.DivisionCode;
import org.govdx.rules.identifiers.DivisionLevel;
import org.govdx.rules.identifiers.MobileNumber;
import org.govdx.rules.identifiers.ResidentIdNumber;
import org.govdx.rules.identifiers.UnifiedSocialCreditCode;

class MaskingProperties {

    @Provide
    Arbitrary<MaskingRule> rules() {
        Arbitrary<MaskingRule> plain = Arbitraries.of(MaskingStrategy.values())
                .filter(s -> !s.hasParameters()).map(MaskingRule::of);
        Arbitrary<MaskingRule> partial = Combinators.combine(Arbitraries.integers().between(0, MaskingRule.MAX_KEEP),
                Arbitraries.integers().between(0, MaskingRule.MAX_KEEP)).as(MaskingRule::partial);
        Arbitrary<MaskingRule> generalize = Arbitraries.of(Generalization.values())
                .filter(g -> g != Generalization.NUMBER_BAND).map(MaskingRule::generalize);
        Arbitrary<MaskingRule> band = Arbitraries.longs().between(1, 1_000_000_000L).map(MaskingRule::numberBand);
        return Arbitraries.oneOf(plain, partial, generalize, band);
    }

    @Provide
    Arbitrary<MaskingRule> maskingRules() {
        return rules().filter(r -> !r.isClear());
    }

    /** Text of length >= 2 mixing ASCII, digits, Chinese and a supplementary character; no '*' (see Masker). */
    @Provide
    Arbitrary<String> clearValues() {
        Arbitrary<String> random = Arbitraries.strings()
                .withCharRange('0', '9').withCharRange('A', 'Z').withCharRange('a', 'z')
                .withChars("省市区县张王李-./ 街道路号").withCharRange('\u4e00', '\u4fff')
                .ofMinLength(2).ofMaxLength(30);
        Arbitrary<String> shaped = Arbitraries.oneOf(
                Arbitraries.randomValue(r -> ResidentIdNumber.random(r).value()),
                Arbitraries.randomValue(r -> MobileNumber.random(r).digits()),
                Arbitraries.randomValue(r -> UnifiedSocialCreditCode.random(r).value()),
                Arbitraries.randomValue(r -> DivisionCode.random(r).code()),
                Arbitraries.randomValue(r -> LocalDate.ofEpochDay(r.nextInt(40000)).toString()),
                Arbitraries.integers().between(-100000, 100000).map(String::valueOf),
                Arbitraries.of("江苏省苏州市虎丘区狮山街道", "北京市海淀区中关村大街27号", "张三丰", "欧阳修", "𠮷野家"));
        return Arbitraries.oneOf(random, shaped);
    }

    @Property(tries = 150)
    void compactFormRoundTrips(@ForAll("rules") MaskingRule rule) {
        assertThat(MaskingRule.parse(rule.toText())).isEqualTo(rule);
        assertThat(MaskingRule.parse(rule.toText().toUpperCase())).isEqualTo(rule);
    }

    @Property(tries = 300)
    void maskingIsDeterministic(@ForAll("maskingRules") MaskingRule rule, @ForAll("clearValues") String value,
                                @ForAll @Size(16) byte[] key) {
        assertThat(new Masker(key).mask(value, rule)).isEqualTo(new Masker(key.clone()).mask(value, rule));
    }

    @Property(tries = 500)
    void maskingNeverReturnsTheClearValue(@ForAll("maskingRules") MaskingRule rule, @ForAll("clearValues") String value) {
        Object masked = new Masker(new byte[16]).mask(value, rule);
        assertThat(masked).isInstanceOf(String.class);
        if (isDocumentedDegenerateCase(rule, value)) {
            return;
        }
        assertThat(masked).as(rule + " on " + value).isNotEqualTo(value);
    }

    @Property(tries = 300)
    void formatAwareMasksNeverRevealTheHiddenMiddle(@ForAll @IntRange(min = 0, max = 100000) int seed) {
        java.util.Random random = new java.util.Random(seed);
        Masker masker = Masker.withoutPseudonymKey();
        String id = ResidentIdNumber.random(random).value();
        String maskedId = (String) masker.mask(id, MaskingRule.of(MaskingStrategy.RESIDENT_ID));
        assertThat(maskedId).doesNotContain(id.substring(6, 14)).startsWith(id.substring(0, 6)).hasSize(18);
        String mobile = MobileNumber.random(random).digits();
        String maskedMobile = (String) masker.mask(mobile, MaskingRule.of(MaskingStrategy.MOBILE));
        assertThat(maskedMobile.substring(3, 7)).isEqualTo("****");
        String uscc = UnifiedSocialCreditCode.random(random).value();
        assertThat((String) masker.mask(uscc, MaskingRule.of(MaskingStrategy.USCC))).doesNotContain(uscc.substring(8, 17));
    }

    @Property(tries = 200)
    void pseudonymsUnderDifferentKeysCannotBeLinked(@ForAll("clearValues") String value,
                                                   @ForAll @Size(16) byte[] keyA, @ForAll @Size(16) byte[] keyB) {
        if (java.util.Arrays.equals(keyA, keyB)) {
            return;
        }
        assertThat(new Masker(keyA).pseudonym(value)).isNotEqualTo(new Masker(keyB).pseudonym(value));
    }

    @Property(tries = 20)
    void pseudonymsOfDistinctValuesDoNotCollide(@ForAll @Size(min = 100, max = 300) Set<@net.jqwik.api.constraints.StringLength(max = 12) String> values,
                                               @ForAll @Size(32) byte[] key) {
        Masker masker = new Masker(key);
        Set<String> pseudonyms = new HashSet<>();
        for (String v : values) {
            pseudonyms.add(masker.pseudonym(v));
        }
        assertThat(pseudonyms).hasSameSizeAs(values);
    }

    @Property(tries = 200)
    void dateGeneralisationIsMonotonic(@ForAll @LongRange(min = -50000, max = 50000) long dayA,
                                      @ForAll @IntRange(min = 0, max = 800) int gap) {
        LocalDate a = LocalDate.ofEpochDay(dayA);
        LocalDate b = a.plusDays(gap);
        Masker masker = Masker.withoutPseudonymKey();
        for (Generalization level : new Generalization[] {Generalization.DATE_TO_YEAR, Generalization.DATE_TO_MONTH}) {
            String ma = (String) masker.mask(a, MaskingRule.generalize(level));
            String mb = (String) masker.mask(b, MaskingRule.generalize(level));
            boolean sameBucket = level == Generalization.DATE_TO_YEAR ? a.getYear() == b.getYear()
                    : a.withDayOfMonth(1).equals(b.withDayOfMonth(1));
            assertThat(ma.equals(mb)).isEqualTo(sameBucket);
            assertThat(ma.compareTo(mb)).isLessThanOrEqualTo(0);
            assertThat(masker.mask(a.toString(), MaskingRule.generalize(level))).isEqualTo(ma);
        }
    }

    @Property(tries = 200)
    void numberBandsAreMonotonicAndContainTheValue(@ForAll @LongRange(min = -1_000_000, max = 1_000_000) long x,
                                                  @ForAll @LongRange(min = 0, max = 1000) long gap,
                                                  @ForAll @LongRange(min = 1, max = 1000) long width) {
        Masker masker = Masker.withoutPseudonymKey();
        String bx = (String) masker.mask(x, MaskingRule.numberBand(width));
        String by = (String) masker.mask(x + gap, MaskingRule.numberBand(width));
        long lowX = lower(bx);
        long lowY = lower(by);
        assertThat(lowX).isLessThanOrEqualTo(x).isGreaterThan(x - width);
        assertThat(lowX).isLessThanOrEqualTo(lowY);
        assertThat(bx.equals(by)).isEqualTo(Math.floorDiv(x, width) == Math.floorDiv(x + gap, width));
    }

    @Property(tries = 100)
    void divisionGeneralisationKeepsThePrefix(@ForAll @IntRange(min = 0, max = 100000) int seed) {
        DivisionCode code = DivisionCode.random(new java.util.Random(seed));
        Masker masker = Masker.withoutPseudonymKey();
        assertThat(masker.mask(code.code(), MaskingRule.generalize(Generalization.DIVISION_TO_CITY)))
                .isEqualTo(code.generalisedTo(DivisionLevel.CITY).code());
        assertThat(masker.mask(code.code(), MaskingRule.generalize(Generalization.DIVISION_TO_PROVINCE)))
                .isEqualTo(code.province().code());
    }

    @Property(tries = 200)
    void partialPreservesLengthAndHidesAtLeastOneCharacter(@ForAll("clearValues") String value,
                                                          @ForAll @IntRange(min = 0, max = 32) int first,
                                                          @ForAll @IntRange(min = 0, max = 32) int last) {
        String masked = (String) Masker.withoutPseudonymKey().mask(value, MaskingRule.partial(first, last));
        assertThat(masked.codePointCount(0, masked.length())).isEqualTo(value.codePointCount(0, value.length()));
        assertThat(masked).contains("*");
        List<Integer> kept = new ArrayList<>();
        int[] m = masked.codePoints().toArray();
        int[] v = value.codePoints().toArray();
        for (int i = 0; i < m.length; i++) {
            if (m[i] != '*') {
                kept.add(i);
                assertThat(m[i]).isEqualTo(v[i]);
            }
        }
        assertThat(kept.size()).isLessThanOrEqualTo(first + last);
    }

    private static long lower(String band) {
        return Long.parseLong(band.substring(1, band.indexOf(',')));
    }

    /** The degenerate cases listed on {@link Masker}: division codes already at the target level. */
    private static boolean isDocumentedDegenerateCase(MaskingRule rule, String value) {
        if (rule.strategy() != MaskingStrategy.GENERALIZE) {
            return false;
        }
        boolean division = rule.generalization() == Generalization.DIVISION_TO_CITY
                || rule.generalization() == Generalization.DIVISION_TO_PROVINCE;
        if (!division || !DivisionCode.validate(value).isValid()) {
            return false;
        }
        DivisionLevel target = rule.generalization() == Generalization.DIVISION_TO_CITY ? DivisionLevel.CITY : DivisionLevel.PROVINCE;
        return DivisionCode.parse(value).generalisedTo(target).code().equals(value);
    }
}
