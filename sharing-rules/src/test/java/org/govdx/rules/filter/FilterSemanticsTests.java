package org.govdx.rules.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterSemanticsTests {

    private static boolean eval(String filter, Map<String, ?> row) {
        return Filter.parse(filter).evaluate(row);
    }

    @Test
    void comparisonsWithNullAreNeverTrueEvenUnderNot() {
        Map<String, Object> row = new HashMap<>();
        row.put("a", null);
        assertThat(eval("a = 1", row)).isFalse();
        assertThat(eval("a != 1", row)).isFalse();
        assertThat(eval("not a = 1", row)).isFalse();
        assertThat(eval("a in (1, 2)", row)).isFalse();
        assertThat(eval("not a in (1, 2)", row)).isFalse();
        assertThat(eval("a between 1 and 2", row)).isFalse();
        assertThat(eval("a is null", row)).isTrue();
        assertThat(eval("missing is null", row)).isTrue();
        assertThat(eval("a is not null", row)).isFalse();
        assertThat(eval("a = 1 or true_field = true", Map.of("true_field", true))).isTrue();
        assertThat(eval("not (a = 1 and b = 2)", Map.of("b", 3))).isTrue(); // UNKNOWN and FALSE = FALSE
        assertThat(eval("not (a = 1 and b = 2)", Map.of("b", 2))).isFalse(); // UNKNOWN and TRUE = UNKNOWN
    }

    @Test
    void valuesCompareByKind() {
        assertThat(eval("n = 1", Map.of("n", new BigDecimal("1.00")))).isTrue();
        assertThat(eval("n = 1.0", Map.of("n", 1))).isTrue();
        assertThat(eval("n < 2.5", Map.of("n", 2L))).isTrue();
        assertThat(eval("n = 1", Map.of("n", "1"))).isFalse();
        assertThat(eval("not n = 1", Map.of("n", "1"))).isFalse(); // incomparable is UNKNOWN
        assertThat(eval("d >= date '2020-01-01'", Map.of("d", LocalDate.of(2020, 1, 1)))).isTrue();
        assertThat(eval("d >= date '2020-01-01'", Map.of("d", "2020-01-01"))).isFalse();
        assertThat(eval("b = true", Map.of("b", true))).isTrue();
        assertThat(eval("b > false", Map.of("b", true))).isTrue();
        assertThat(eval("s between 'a' and 'c'", Map.of("s", "b"))).isTrue();
        assertThat(eval("s between 'a' and 'c'", Map.of("s", "c"))).isTrue();
        // code point order: U+FF5E sorts before U+1F600 although its UTF-16 code unit is larger than a surrogate's
        assertThat(eval("s < '\uD83D\uDE00'", Map.of("s", "\uFF5E"))).isTrue();
        assertThat(eval("n = 1", Map.of("n", Double.NaN))).isFalse();
    }

    @Test
    void rendersParameterisedSql() {
        SqlFragment sql = Filter.parse("district in ('320505', '320506') and (age between 18 and 65 or died is null)")
                .toSql(ColumnMapper.quoted());
        assertThat(sql.sql()).isEqualTo("(\"district\" IN ($1, $2) AND (\"age\" BETWEEN $3 AND $4 OR \"died\" IS NULL))");
        assertThat(sql.parameters()).containsExactly("320505", "320506", 18L, 65L);
        SqlFragment offset = Filter.parse("not name >= 'M' and born < date '2000-01-01' and ok != true and x is not null")
                .toSql(ColumnMapper.of(Map.of("name", "p.\"name\"", "born", "p.born", "ok", "p.ok", "x", "p.x")), 5);
        assertThat(offset.sql()).isEqualTo(
                "((((NOT p.\"name\" COLLATE \"C\" >= $5) AND p.born < $6) AND p.ok != $7) AND p.x IS NOT NULL)");
        assertThat(offset.parameters()).containsExactly("M", LocalDate.of(2000, 1, 1), true);
        assertThatThrownBy(() -> Filter.parse("unknown = 1").toSql(ColumnMapper.of(Map.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("unknown");
    }

    @Test
    void injectionAttemptsAreRejectedOrStayLiterals() {
        assertThatThrownBy(() -> Filter.parse("x = '1' or 1=1 --")).isInstanceOf(FilterSyntaxException.class);
        assertThatThrownBy(() -> Filter.parse("x = '1'; DROP TABLE person; --")).isInstanceOf(FilterSyntaxException.class);
        assertThatThrownBy(() -> Filter.parse("x = '1' /* c */")).isInstanceOf(FilterSyntaxException.class);
        Filter quoted = Filter.parse("x = '1'' or ''1''=''1'");
        assertThat(quoted).isEqualTo(new Comparison("x", ComparisonOperator.EQ, new TextLiteral("1' or '1'='1")));
        SqlFragment sql = quoted.toSql(ColumnMapper.quoted());
        assertThat(sql.sql()).isEqualTo("\"x\" = $1");
        assertThat(sql.parameters()).containsExactly("1' or '1'='1");
    }

    @Test
    void combinesAndChecksImplicationConservatively() {
        Filter wide = Filter.parse("district = '320505'");
        Filter narrow = Filter.parse("district = '320505' and age > 18");
        assertThat(Filter.and(null, wide)).isSameAs(wide);
        assertThat(Filter.and(wide, null)).isSameAs(wide);
        assertThat(Filter.and(wide, wide)).isSameAs(wide);
        assertThat(Filter.and(wide, narrow)).isEqualTo(new And(wide, narrow));
        assertThat(Filter.and(null, null)).isNull();

        assertThat(Filter.impliesSyntactically(narrow, wide)).isTrue();
        assertThat(Filter.impliesSyntactically(wide, wide)).isTrue();
        assertThat(Filter.impliesSyntactically(wide, null)).isTrue();
        assertThat(Filter.impliesSyntactically(null, null)).isTrue();
        assertThat(Filter.impliesSyntactically(null, wide)).isFalse();
        assertThat(Filter.impliesSyntactically(wide, narrow)).isFalse();
        assertThat(Filter.impliesSyntactically(Filter.parse("a = 1 and (b = 2 and c = 3)"), Filter.parse("c = 3 and a = 1"))).isTrue();
        assertThat(Filter.impliesSyntactically(Filter.parse("a = 1"), Filter.parse("a = 1 or b = 2"))).isTrue();
        assertThat(Filter.impliesSyntactically(Filter.parse("a = 1 and c = 1 or a = 1 and d = 1"), Filter.parse("a = 1"))).isTrue();
        // true but not provable from syntax: conservative answer
        assertThat(Filter.impliesSyntactically(Filter.parse("a < 5"), Filter.parse("a < 10"))).isFalse();
        assertThat(Filter.impliesSyntactically(Filter.parse("a = 1 or b = 2"), Filter.parse("a = 1"))).isFalse();
    }

    @Test
    void implicationStaysFastOnLongChains() {
        String chain = String.join(" and ", java.util.Collections.nCopies(200, "a = 1"));
        Filter f = Filter.parse(chain);
        Filter g = Filter.parse(chain.replace("a = 1", "b = 2"));
        assertThat(Filter.impliesSyntactically(f, g)).isFalse();
        assertThat(Filter.impliesSyntactically(Filter.and(g, f), f)).isTrue();
    }
}
