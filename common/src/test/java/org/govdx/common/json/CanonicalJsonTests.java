package org.govdx.common.json;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CanonicalJsonTests {

    @Test
    void sortsMembersRemovesWhitespaceAndKeepsArrayOrder() {
        assertThat(CanonicalJson.parseAndCanonicalize("{ \"b\": [3, 1, 2], \"a\": {\"z\": true, \"y\": null} }"))
                .isEqualTo("{\"a\":{\"y\":null,\"z\":true},\"b\":[3,1,2]}");
    }

    @Test
    void rfc8785SortingExampleOrdersByUtf16CodeUnits() {
        // RFC 8785 §3.2.3: keys "\u20ac", "\r", "\ufb33", "1", "\ud83d\ude00", "\u0080", "\u00f6"
        String input = "{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Hebrew Letter Dalet With Dagesh\","
                + "\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji: Grinning Face\",\"\\u0080\":\"Control\",\"\\u00f6\":\"Latin Small Letter O With Diaeresis\"}";
        String canonical = CanonicalJson.parseAndCanonicalize(input);
        assertThat(canonical).isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    @Test
    void rfc8785NumberExamples() {
        assertThat(CanonicalJson.formatDouble(333333333.33333329)).isEqualTo("333333333.3333333");
        assertThat(CanonicalJson.formatDouble(1E30)).isEqualTo("1e+30");
        assertThat(CanonicalJson.formatDouble(4.50)).isEqualTo("4.5");
        assertThat(CanonicalJson.formatDouble(2e-3)).isEqualTo("0.002");
        assertThat(CanonicalJson.formatDouble(0.000000000000000000000000001)).isEqualTo("1e-27");
        assertThat(CanonicalJson.formatDouble(-0.0)).isEqualTo("0");
        assertThat(CanonicalJson.formatDouble(1e21)).isEqualTo("1e+21");
        assertThat(CanonicalJson.formatDouble(1e20)).isEqualTo("100000000000000000000");
        assertThat(CanonicalJson.formatDouble(9007199254740992.0)).isEqualTo("9007199254740992");
    }

    @Test
    void escapesOnlyWhatJsonStringifyEscapes() {
        assertThat(CanonicalJson.string("a\"b\\c\n\u0001é/汉"))
                .isEqualTo("\"a\\\"b\\\\c\\n\\u0001é/汉\"");
    }

    @Test
    void refusesNonFiniteNumbers() {
        assertThatThrownBy(() -> CanonicalJson.formatDouble(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 300)
    void canonicalFormIsAFixedPointAndRoundTripsDoubles(@ForAll double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return;
        }
        String text = CanonicalJson.formatDouble(value);
        assertThat(Double.parseDouble(text)).isEqualTo(value == 0 ? 0.0 : value);
        String doc = "{\"x\":" + text + "}";
        assertThat(CanonicalJson.parseAndCanonicalize(doc)).isEqualTo(doc);
    }
}
