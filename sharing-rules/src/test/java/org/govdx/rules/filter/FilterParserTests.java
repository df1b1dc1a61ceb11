package org.govdx.rules.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FilterParserTests {

    private static Comparison eq(String field, Literal value) {
        return new Comparison(field, ComparisonOperator.EQ, value);
    }

    @Test
    void parsesComparisonsWithEveryOperatorAndLiteralKind() {
        assertThat(Filter.parse("district = '320505'")).isEqualTo(eq("district", new TextLiteral("320505")));
        assertThat(Filter.parse("age>=18")).isEqualTo(new Comparison("age", ComparisonOperator.GE, new IntegerLiteral(18)));
        assertThat(Filter.parse("age <= -3")).isEqualTo(new Comparison("age", ComparisonOperator.LE, new IntegerLiteral(-3)));
        assertThat(Filter.parse("income < 1234.50")).isEqualTo(
                new Comparison("income", ComparisonOperator.LT, new DecimalLiteral(new BigDecimal("1234.50"))));
        assertThat(Filter.parse("a > 1")).isEqualTo(new Comparison("a", ComparisonOperator.GT, new IntegerLiteral(1)));
        assertThat(Filter.parse("a != 1")).isEqualTo(new Comparison("a", ComparisonOperator.NE, new IntegerLiteral(1)));
        assertThat(Filter.parse("a <> 1")).isEqualTo(new Comparison("a", ComparisonOperator.NE, new IntegerLiteral(1)));
        assertThat(Filter.parse("active = TRUE")).isEqualTo(eq("active", new BooleanLiteral(true)));
        assertThat(Filter.parse("active = false")).isEqualTo(eq("active", new BooleanLiteral(false)));
        assertThat(Filter.parse("born = DATE '2023-01-01'")).isEqualTo(eq("born", new DateLiteral(LocalDate.of(2023, 1, 1))));
        assertThat(Filter.parse("name = 'O''Brien'")).isEqualTo(eq("name", new TextLiteral("O'Brien")));
        assertThat(Filter.parse("name = ''")).isEqualTo(eq("name", new TextLiteral("")));
        assertThat(Filter.parse("name = '张三 -- not a comment'")).isEqualTo(eq("name", new TextLiteral("张三 -- not a comment")));
    }

    @Test
    void parsesInBetweenAndNullTests() {
        assertThat(Filter.parse("district in ('320505', '320506')")).isEqualTo(
                new InList("district", List.of(new TextLiteral("320505"), new TextLiteral("320506"))));
        assertThat(Filter.parse("age BETWEEN 18 AND 65")).isEqualTo(
                new Between("age", new IntegerLiteral(18), new IntegerLiteral(65)));
        assertThat(Filter.parse("died is null")).isEqualTo(new IsNull("died"));
        assertThat(Filter.parse("died Is Not Null")).isEqualTo(new IsNotNull("died"));
    }

    @Test
    void notBindsTighterThanAndWhichBindsTighterThanOr() {
        Filter a = eq("a", new IntegerLiteral(1));
        Filter b = eq("b", new IntegerLiteral(2));
        Filter c = eq("c", new IntegerLiteral(3));
        assertThat(Filter.parse("a = 1 or b = 2 and c = 3")).isEqualTo(new Or(a, new And(b, c)));
        assertThat(Filter.parse("(a = 1 or b = 2) and c = 3")).isEqualTo(new And(new Or(a, b), c));
        assertThat(Filter.parse("not a = 1 and b = 2")).isEqualTo(new And(new Not(a), b));
        assertThat(Filter.parse("not (a = 1 and b = 2)")).isEqualTo(new Not(new And(a, b)));
        assertThat(Filter.parse("a = 1 and b = 2 and c = 3")).isEqualTo(new And(new And(a, b), c));
        assertThat(Filter.parse("a = 1 or b = 2 or c = 3")).isEqualTo(new Or(new Or(a, b), c));
        assertThat(Filter.parse("x between 1 and 2 and b = 2")).isEqualTo(
                new And(new Between("x", new IntegerLiteral(1), new IntegerLiteral(2)), b));
        assertThat(Filter.parse("NOT NOT a = 1")).isEqualTo(new Not(new Not(a)));
        assertThat(Filter.parse("((a = 1))")).isEqualTo(a);
    }

    @Test
    void printsCanonicalText() {
        assertThat(Filter.parse("A=1 AND (b='x' OR c IS NOT NULL)").toText()).isEqualTo("A = 1 and (b = 'x' or c is not null)");
        assertThat(Filter.parse("a = 1 and (b = 2 and c = 3)").toText()).isEqualTo("a = 1 and (b = 2 and c = 3)");
        assertThat(Filter.parse("not (a = 1 or b = 2)").toText()).isEqualTo("not (a = 1 or b = 2)");
        assertThat(Filter.parse("d in (date '2020-01-02',1,1.50,'it''s',true)").toText())
                .isEqualTo("d in (date '2020-01-02', 1, 1.50, 'it''s', true)");
        assertThat(new Comparison("a", ComparisonOperator.EQ, new DecimalLiteral(new BigDecimal("15"))).toText()).isEqualTo("a = 15.0");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "``|0|a field name",
            "a =|3|a literal",
            "a = 'x|4|a closing quote",
            "1 = 1|0|a field name",
            "a = 1 and 1=1|10|a field name",
            "x = '1' or 1=1 --|11|a field name",
            "x = '1' --|8|a field name, literal",
            "f(x) = 1|1|a comparison operator",
            "a = 1 b = 2|6|'and', 'or'",
            "and = 1|0|a field name",
            "a = b|4|a literal",
            "a = date '2023-02-30'|9|a valid date",
            "a = date 2023|9|a quoted date",
            "a = 1.|6|a digit after the decimal point",
            "a = .5|4|a field name, literal",
            "a = 1a|5|a blank or an operator",
            "a = 99999999999999999999|4|an integer within the range",
            "a in ()|6|a literal",
            "a in (1 2)|8|',' or ')'",
            "a between 1|11|'and' in 'between",
            "a between 1 or 2|12|'and' in 'between",
            "a is 1|5|'null' or 'not null'",
            "a is not|8|'null'",
            "(a = 1|6|')'",
            "a = 1)|5|'and', 'or'",
            "a ! 1|2|'!='",
            "a = 1; drop table x|5|a field name, literal",
            "a = \"x\"|4|a field name, literal",
            "a = @p|4|a field name, literal",
            "lower(a) = 'x'|5|a comparison operator",
    })
    void rejectsMalformedFiltersWithPositionAndExpectation(String text, int position, String expected) {
        assertThatThrownBy(() -> Filter.parse(text))
                .isInstanceOf(FilterSyntaxException.class)
                .satisfies(e -> {
                    FilterSyntaxException f = (FilterSyntaxException) e;
                    assertThat(f.position()).as(f.getMessage()).isEqualTo(position);
                    assertThat(f.expected()).as(f.getMessage()).startsWith(expected);
                    assertThat(f.getMessage()).contains("position " + position);
                });
    }

    @Test
    void enforcesLimits() {
        String deepNot = "not ".repeat(FilterParser.MAX_NESTING_DEPTH) + "a = 1";
        assertThat(Filter.parse(deepNot)).isInstanceOf(Not.class);
        assertThatThrownBy(() -> Filter.parse("not " + deepNot)).isInstanceOf(FilterSyntaxException.class)
                .hasMessageContaining("nesting");
        String deepParens = "(".repeat(FilterParser.MAX_NESTING_DEPTH + 1) + "a = 1" + ")".repeat(FilterParser.MAX_NESTING_DEPTH + 1);
        assertThatThrownBy(() -> Filter.parse(deepParens)).isInstanceOf(FilterSyntaxException.class)
                .satisfies(e -> assertThat(((FilterSyntaxException) e).position()).isEqualTo(FilterParser.MAX_NESTING_DEPTH));
        String longText = "a = '" + "x".repeat(FilterParser.MAX_LENGTH) + "'";
        assertThatThrownBy(() -> Filter.parse(longText)).isInstanceOf(FilterSyntaxException.class)
                .hasMessageContaining("at most " + FilterParser.MAX_LENGTH);
        String bigIn = "a in (" + "1,".repeat(FilterParser.MAX_IN_LIST_SIZE) + "1)";
        assertThatThrownBy(() -> Filter.parse(bigIn)).isInstanceOf(FilterSyntaxException.class).hasMessageContaining("in-list");
        String okIn = "a in (" + "1,".repeat(FilterParser.MAX_IN_LIST_SIZE - 1) + "1)";
        assertThat(((InList) Filter.parse(okIn)).values()).hasSize(FilterParser.MAX_IN_LIST_SIZE);
        String longName = "a".repeat(FilterParser.MAX_FIELD_NAME_LENGTH + 1) + " = 1";
        assertThatThrownBy(() -> Filter.parse(longName)).isInstanceOf(FilterSyntaxException.class);
        // a long chain of conditions is fine: and/or chains do not count as nesting
        String chain = String.join(" and ", java.util.Collections.nCopies(100, "a = 1"));
        assertThat(Filter.parse(chain).fields()).containsExactly("a");
    }

    @Test
    void fieldNamesAreValidatedOnConstruction() {
        assertThatThrownBy(() -> new IsNull("1a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IsNull("NULL")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IsNull("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InList("a", List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(FilterParser.isValidFieldName("_id_number2")).isTrue();
    }

    @Test
    void reportsReferencedAndOrderedFields() {
        Filter f = Filter.parse("b = 1 and (a < 2 or c between 1 and 3) and not b in (1) and d is null and a > 0");
        assertThat(f.fields()).containsExactly("b", "a", "c", "d");
        assertThat(f.orderedFields()).containsExactly("a", "c");
    }
}
