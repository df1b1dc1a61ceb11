package org.govdx.rules.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

class FilterProperties {

    static final List<String> FIELDS = List.of("a", "b", "district", "Age_2");

    // ---- generators ----

    static Arbitrary<Literal> literals() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(6).withChars("ab'\"- 张;").map(TextLiteral::new),
                Arbitraries.longs().between(-3, 3).map(IntegerLiteral::new),
                Arbitraries.longs().map(IntegerLiteral::new),
                Arbitraries.bigDecimals().between(new BigDecimal("-3"), new BigDecimal("3")).ofScale(1).map(DecimalLiteral::new),
                Arbitraries.bigDecimals().between(new BigDecimal("-1000"), new BigDecimal("1000")).ofScale(3).map(DecimalLiteral::new),
                Arbitraries.of(true, false).map(BooleanLiteral::new),
                Arbitraries.integers().between(0, 3).map(d -> new DateLiteral(LocalDate.of(2020, 1, 1).plusDays(d))));
    }

    static Arbitrary<Filter> predicates() {
        Arbitrary<String> field = Arbitraries.of(FIELDS);
        return Arbitraries.oneOf(
                Combinators.combine(field, Arbitraries.of(ComparisonOperator.values()), literals()).as(Comparison::new),
                Combinators.combine(field, literals().list().ofMinSize(1).ofMaxSize(4)).as(InList::new),
                Combinators.combine(field, literals(), literals()).as(Between::new),
                field.map(IsNull::new),
                field.map(IsNotNull::new));
    }

    static Arbitrary<Filter> filters(int depth) {
        if (depth == 0) {
            return predicates();
        }
        Arbitrary<Filter> sub = Arbitraries.lazy(() -> filters(depth - 1));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, predicates()),
                net.jqwik.api.Tuple.of(2, Combinators.combine(sub, sub).as(And::new)),
                net.jqwik.api.Tuple.of(2, Combinators.combine(sub, sub).as(Or::new)),
                net.jqwik.api.Tuple.of(1, sub.map(Not::new)));
    }

    static Arbitrary<Object> values() {
        return Arbitraries.oneOf(
                Arbitraries.just(null),
                Arbitraries.longs().between(-3, 3).map(x -> (Object) x),
                Arbitraries.integers().between(-3, 3).map(x -> (Object) x),
                Arbitraries.bigDecimals().between(new BigDecimal("-3"), new BigDecimal("3")).ofScale(1).map(x -> (Object) x),
                Arbitraries.strings().ofMaxLength(2).withChars("ab'").map(x -> (Object) x),
                Arbitraries.of(true, false).map(x -> (Object) x),
                Arbitraries.integers().between(0, 3).map(d -> (Object) LocalDate.of(2020, 1, 1).plusDays(d)));
    }

    static Arbitrary<Map<String, Object>> rows() {
        return values().list().ofSize(FIELDS.size()).map(vs -> {
            Map<String, Object> row = new HashMap<>();
            for (int i = 0; i < FIELDS.size(); i++) {
                if (i != 1 || vs.get(i) != null) { // field "b" is sometimes missing rather than null
                    row.put(FIELDS.get(i), vs.get(i));
                }
            }
            return row;
        });
    }

    @Provide
    Arbitrary<Filter> filters() {
        return filters(4);
    }

    @Provide
    Arbitrary<Map<String, Object>> row() {
        return rows();
    }

    // ---- properties ----

    @Property(tries = 400)
    void printedFiltersParseBackToTheSameTree(@ForAll("filters") Filter filter) {
        String text = filter.toText();
        Filter parsed = Filter.parse(text);
        assertThat(parsed).isEqualTo(filter);
        assertThat(parsed.toText()).isEqualTo(text);
    }

    @Property(tries = 200)
    void reformattedTextParsesToTheSameTree(@ForAll("filters") Filter filter) {
        // upper-case keywords, extra blanks and redundant parentheses do not change the tree
        String text = "( " + filter.toText()
                .replace(" and ", "  AND\n ").replace(" or ", "\tOr ").replace("not ", "NOT  ")
                .replace(" is null", " IS NULL").replace(" between ", " BETWEEN ") + " )";
        assertThat(Filter.parse(text)).isEqualTo(filter);
    }

    @Property(tries = 400)
    void evaluationAgreesWithAReferenceEvaluation(@ForAll("filters") Filter filter, @ForAll("row") Map<String, Object> row) {
        Optional<Boolean> expected = reference(filter, row);
        assertThat(filter.evaluate(row)).isEqualTo(expected.orElse(false));
        assertThat(new Not(filter).evaluate(row)).isEqualTo(expected.map(b -> !b).orElse(false));
    }

    @Property(tries = 300)
    void sqlHasOnePlaceholderPerLiteralAndNoLiteralText(@ForAll("filters") Filter filter) {
        SqlFragment sql = filter.toSql(ColumnMapper.quoted(), 3);
        List<Literal> literals = literalsOf(filter);
        assertThat(sql.parameters()).hasSize(literals.size());
        for (int i = 0; i < literals.size(); i++) {
            assertThat(sql.parameters().get(i)).isEqualTo(literals.get(i).sqlValue());
        }
        Matcher m = Pattern.compile("\\$(\\d+)").matcher(sql.sql());
        int expected = 3;
        while (m.find()) {
            assertThat(Integer.parseInt(m.group(1))).isEqualTo(expected++);
        }
        assertThat(expected - 3).isEqualTo(literals.size());
        // nothing but column names, keywords, operators, placeholders and parentheses
        String stripped = sql.sql().replaceAll("\"(a|b|district|Age_2)\"", "").replaceAll("\\$\\d+", "")
                .replace("COLLATE \"C\"", "").replaceAll("\\b(AND|OR|NOT|IN|BETWEEN|IS|NULL)\\b", "");
        assertThat(stripped).matches("[\\s(),=!<>]*");
    }

    @Property(tries = 300)
    void anyTextLiteralRoundTripsAndStaysAParameter(@ForAll @StringLength(max = 40) String content) {
        Filter filter = new Comparison("name", ComparisonOperator.EQ, new TextLiteral(content));
        assertThat(Filter.parse(filter.toText())).isEqualTo(filter);
        SqlFragment sql = filter.toSql(ColumnMapper.quoted());
        assertThat(sql.sql()).isEqualTo("\"name\" = $1");
        assertThat(sql.parameters()).containsExactly(content);
    }

    @Property(tries = 300)
    void injectionSuffixesAreRejectedOrBecomeLiterals(@ForAll("injections") String suffix) {
        String text = "district = '320505" + suffix;
        try {
            Filter filter = Filter.parse(text);
            // accepted only if every quote was balanced inside literals: then the SQL text holds no literal
            String sql = filter.toSql(ColumnMapper.quoted()).sql();
            assertThat(sql).doesNotContain("'").doesNotContain("--").doesNotContain(";").doesNotContain("1=1");
        } catch (FilterSyntaxException e) {
            assertThat(e.position()).isBetween(0, text.length());
        }
    }

    @Provide
    Arbitrary<String> injections() {
        return Arbitraries.of("' or 1=1 --", "' or '1'='1", "'; drop table person; --", "' or district = district",
                "'' or 1=1 --'", "' union select * from secrets --", "' or true --", "' or a is null or a = '",
                "'/*", "\\' or 1=1", "' or not a = 1 and '1'='1'", "''", "' and b in ('x') --");
    }

    @Property(tries = 500)
    void arbitraryTextEitherParsesOrFailsWithAPosition(@ForAll("junk") String text) {
        assertThatCode(() -> {
            try {
                Filter f = Filter.parse(text);
                assertThat(Filter.parse(f.toText())).isEqualTo(f);
            } catch (FilterSyntaxException e) {
                assertThat(e.position()).isBetween(0, text.length());
                assertThat(e.expected()).isNotBlank();
            }
        }).doesNotThrowAnyException();
    }

    @Provide
    Arbitrary<String> junk() {
        Arbitrary<String> tokens = Arbitraries.of("a", "b", "=", "!=", "<", ">=", "'x'", "'", "1", "-2", "3.5", "and", "or",
                "not", "(", ")", "in", "between", "is", "null", "true", "date", "'2020-01-01'", ",", "--", ";", " ", "é");
        return Arbitraries.oneOf(
                tokens.list().ofMaxSize(12).map(l -> String.join(" ", l)),
                tokens.list().ofMaxSize(12).map(l -> String.join("", l)),
                Arbitraries.strings().ofMaxLength(30));
    }

    @Property(tries = 300)
    void syntacticImplicationIsSound(@ForAll("filters") Filter wide, @ForAll("filters") Filter extra,
                                     @ForAll("row") Map<String, Object> row) {
        for (Filter narrow : List.of(new And(wide, extra), new And(extra, wide), new And(new And(extra, wide), extra),
                new Or(new And(wide, extra), wide), wide, extra)) {
            if (Filter.impliesSyntactically(narrow, wide) && narrow.evaluate(row)) {
                assertThat(wide.evaluate(row)).as(narrow.toText() + " => " + wide.toText()).isTrue();
            }
        }
        assertThat(Filter.impliesSyntactically(Filter.and(wide, extra), wide)).isTrue();
        assertThat(Filter.impliesSyntactically(Filter.and(extra, wide), wide)).isTrue();
    }

    @Property(tries = 200)
    void andSelectsExactlyTheRowsBothSelect(@ForAll("filters") Filter a, @ForAll("filters") Filter b,
                                            @ForAll("row") Map<String, Object> row) {
        assertThat(Filter.and(a, b).evaluate(row)).isEqualTo(a.evaluate(row) && b.evaluate(row));
        assertThat(Filter.and(a, b).fields()).containsAll(a.fields()).containsAll(b.fields());
    }

    // ---- reference evaluation: SQL three-valued logic, written out directly ----

    static Optional<Boolean> reference(Filter filter, Map<String, Object> row) {
        if (filter instanceof Comparison c) {
            Optional<Integer> cmp = referenceCompare(row.get(c.field()), c.value());
            return cmp.map(x -> switch (c.operator()) {
                case EQ -> x == 0;
                case NE -> x != 0;
                case LT -> x < 0;
                case LE -> x <= 0;
                case GT -> x > 0;
                case GE -> x >= 0;
            });
        }
        if (filter instanceof InList in) {
            boolean unknown = false;
            for (Literal l : in.values()) {
                Optional<Integer> cmp = referenceCompare(row.get(in.field()), l);
                if (cmp.isEmpty()) {
                    unknown = true;
                } else if (cmp.get() == 0) {
                    return Optional.of(true);
                }
            }
            return unknown ? Optional.empty() : Optional.of(false);
        }
        if (filter instanceof Between b) {
            Optional<Boolean> low = referenceCompare(row.get(b.field()), b.low()).map(x -> x >= 0);
            Optional<Boolean> high = referenceCompare(row.get(b.field()), b.high()).map(x -> x <= 0);
            return and(low, high);
        }
        if (filter instanceof IsNull n) {
            return Optional.of(row.get(n.field()) == null);
        }
        if (filter instanceof IsNotNull n) {
            return Optional.of(row.get(n.field()) != null);
        }
        if (filter instanceof And a) {
            return and(reference(a.left(), row), reference(a.right(), row));
        }
        if (filter instanceof Or o) {
            Optional<Boolean> l = reference(o.left(), row);
            Optional<Boolean> r = reference(o.right(), row);
            if (l.orElse(false) || r.orElse(false)) {
                return Optional.of(true);
            }
            return l.isPresent() && r.isPresent() ? Optional.of(false) : Optional.empty();
        }
        return reference(((Not) filter).operand(), row).map(b -> !b);
    }

    private static Optional<Boolean> and(Optional<Boolean> l, Optional<Boolean> r) {
        if (l.equals(Optional.of(false)) || r.equals(Optional.of(false))) {
            return Optional.of(false);
        }
        return l.isPresent() && r.isPresent() ? Optional.of(true) : Optional.empty();
    }

    private static Optional<Integer> referenceCompare(Object value, Literal literal) {
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Number n && (literal instanceof IntegerLiteral || literal instanceof DecimalLiteral)) {
            BigDecimal v = new BigDecimal(n.toString());
            BigDecimal l = literal instanceof IntegerLiteral i ? BigDecimal.valueOf(i.value()) : ((DecimalLiteral) literal).value();
            return Optional.of(Integer.signum(v.compareTo(l)));
        }
        if (value instanceof String s && literal instanceof TextLiteral t) {
            // the generated texts are BMP-only, where UTF-16 order equals code point order
            return Optional.of(Integer.signum(s.compareTo(t.value())));
        }
        if (value instanceof Boolean b && literal instanceof BooleanLiteral l) {
            return Optional.of(Boolean.compare(b, l.value()));
        }
        if (value instanceof LocalDate d && literal instanceof DateLiteral l) {
            return Optional.of(Integer.signum(d.compareTo(l.value())));
        }
        return Optional.empty();
    }

    static List<Literal> literalsOf(Filter filter) {
        List<Literal> out = new java.util.ArrayList<>();
        collect(filter, out);
        return out;
    }

    private static void collect(Filter filter, List<Literal> out) {
        if (filter instanceof Comparison c) {
            out.add(c.value());
        } else if (filter instanceof InList in) {
            out.addAll(in.values());
        } else if (filter instanceof Between b) {
            out.add(b.low());
            out.add(b.high());
        } else if (filter instanceof And a) {
            collect(a.left(), out);
            collect(a.right(), out);
        } else if (filter instanceof Or o) {
            collect(o.left(), out);
            collect(o.right(), out);
        } else if (filter instanceof Not n) {
            collect(n.operand(), out);
        }
    }
}
