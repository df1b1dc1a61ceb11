package org.govdx.rules.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MaskingRuleTests {

    @Test
    void parsesEveryForm() {
        assertThat(MaskingRule.parse("none")).isEqualTo(MaskingRule.NONE);
        assertThat(MaskingRule.parse("redact")).isEqualTo(MaskingRule.REDACT);
        assertThat(MaskingRule.parse("pseudonym")).isEqualTo(MaskingRule.PSEUDONYM);
        assertThat(MaskingRule.parse("partial(first=1,last=4)")).isEqualTo(MaskingRule.partial(1, 4));
        assertThat(MaskingRule.parse("partial(last=4)")).isEqualTo(MaskingRule.partial(0, 4));
        assertThat(MaskingRule.parse(" PARTIAL ( last = 4 , first = 2 ) ")).isEqualTo(MaskingRule.partial(2, 4));
        assertThat(MaskingRule.parse("generalize(date:year)")).isEqualTo(MaskingRule.generalize(Generalization.DATE_TO_YEAR));
        assertThat(MaskingRule.parse("generalize(date : month)")).isEqualTo(MaskingRule.generalize(Generalization.DATE_TO_MONTH));
        assertThat(MaskingRule.parse("generalize(division:city)")).isEqualTo(MaskingRule.generalize(Generalization.DIVISION_TO_CITY));
        assertThat(MaskingRule.parse("generalize(division:province)")).isEqualTo(MaskingRule.generalize(Generalization.DIVISION_TO_PROVINCE));
        assertThat(MaskingRule.parse("generalize(number:10)")).isEqualTo(MaskingRule.numberBand(10));
        assertThat(MaskingRule.parse("Resident_ID")).isEqualTo(MaskingRule.of(MaskingStrategy.RESIDENT_ID));
        assertThat(MaskingRule.parse("chinese_name")).isEqualTo(MaskingRule.of(MaskingStrategy.CHINESE_NAME));
    }

    @Test
    void printsTheCanonicalForm() {
        assertThat(MaskingRule.partial(0, 4).toText()).isEqualTo("partial(first=0,last=4)");
        assertThat(MaskingRule.numberBand(5).toText()).isEqualTo("generalize(number:5)");
        assertThat(MaskingRule.generalize(Generalization.DATE_TO_YEAR).toString()).isEqualTo("generalize(date:year)");
        assertThat(MaskingRule.of(MaskingStrategy.ADDRESS).toText()).isEqualTo("address");
        for (MaskingStrategy s : MaskingStrategy.values()) {
            if (!s.hasParameters()) {
                assertThat(MaskingRule.parse(MaskingRule.of(s).toText())).isEqualTo(MaskingRule.of(s));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "mask", "redact()", "redact(first=1)", "partial", "partial()", "partial(first=1,first=2)",
            "partial(first=33)", "partial(middle=1)", "partial(first=-1)", "generalize", "generalize(date:day)",
            "generalize(number:0)", "generalize(number:abc)", "generalize(number:10:2)", "generalize(date:year", "none;drop"})
    void rejectsMalformedRules(String text) {
        assertThatThrownBy(() -> MaskingRule.parse(text)).isInstanceOf(MaskingRuleSyntaxException.class)
                .hasMessageNotContaining("Exception");
    }

    @Test
    void recordRejectsParametersTheStrategyDoesNotUse() {
        assertThatThrownBy(() -> new MaskingRule(MaskingStrategy.REDACT, 1, 0, null, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MaskingRule(MaskingStrategy.GENERALIZE, 0, 0, Generalization.DATE_TO_YEAR, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MaskingRule(MaskingStrategy.GENERALIZE, 0, 0, Generalization.NUMBER_BAND, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MaskingRule.of(MaskingStrategy.PARTIAL)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MaskingRule.partial(0, 40)).isInstanceOf(IllegalArgumentException.class);
    }
}
