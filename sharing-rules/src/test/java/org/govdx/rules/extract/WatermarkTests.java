package org.govdx.rules.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

class WatermarkTests {

    static final Watermark A = new Watermark("agreement-a-watermark-key".getBytes(StandardCharsets.UTF_8));
    static final Watermark B = new Watermark("agreement-b-watermark-key".getBytes(StandardCharsets.UTF_8));

    @Property(tries = 2000)
    void aMarkedValueIsWithinOneUnitAndAgreesUnderItsOwnKey(@ForAll @BigRange(min = "-1000000", max = "1000000") @Scale(2) BigDecimal v) {
        BigDecimal marked = A.mark(v);
        assertThat(marked.subtract(v).abs()).isLessThanOrEqualTo(new BigDecimal("0.01"));
        assertThat(A.agrees(marked.toPlainString())).contains(true);
        assertThat(A.mark(v)).isEqualTo(marked); // deterministic
        assertThat(A.mark(marked)).isEqualTo(marked); // marking twice changes nothing
    }

    @Test
    void aMarkSurvivesReformattingButNotRoundingToTheUnit() {
        BigDecimal marked = A.mark(new BigDecimal("3456.70"));
        String stripped = marked.stripTrailingZeros().toPlainString();
        assertThat(A.agrees(stripped)).contains(true);
        assertThat(A.agrees(" " + marked.toPlainString() + " ")).contains(true);
        assertThat(A.agrees("3456")).isEmpty();
        assertThat(A.agrees("p_abc")).isEmpty();
        assertThat(A.agrees("320505")).isEmpty();
    }

    @Test
    void anotherKeyAgreesWithAboutHalfOfTheMarks() {
        int agreeing = 0;
        for (int i = 0; i < 2000; i++) {
            BigDecimal marked = A.mark(BigDecimal.valueOf(100_000 + i * 7L, 2));
            if (B.agrees(marked.toPlainString()).orElseThrow()) {
                agreeing++;
            }
        }
        assertThat(agreeing).isBetween(880, 1120);
    }

    @Test
    void integersAreCarriedAtHundredthsAndFinerScalesAtTheirOwn() {
        assertThat(A.mark(new BigDecimal("5000")).scale()).isEqualTo(2);
        BigDecimal fine = A.mark(new BigDecimal("3.14159"));
        assertThat(fine.scale()).isEqualTo(5);
        assertThat(fine.subtract(new BigDecimal("3.14159")).abs()).isLessThanOrEqualTo(new BigDecimal("0.00001"));
        assertThat(A.agrees(fine.toPlainString())).contains(true);
    }
}
