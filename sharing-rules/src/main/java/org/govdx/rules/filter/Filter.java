package org.govdx.rules.filter;

import java.util.Map;
import java.util.Set;

/**
 * An immutable row-filter tree (DOMAIN rule 5: the agreement's row filter, and the filter of a data call).
 * Build one with {@link #parse(String)} or from the node records; every operation is implemented in one
 * place ({@link FilterParser}, {@link FilterPrinter}, {@link FilterFields}, {@link FilterEvaluator},
 * {@link SqlRenderer}) and
 * exposed here for convenience.
 *
 * <p>Where a method takes a filter that may be absent, {@code null} means "no restriction" (every row).
 */
public sealed interface Filter permits Comparison, InList, Between, IsNull, IsNotNull, And, Or, Not {

    /** Parses filter text; throws {@link FilterSyntaxException} with the position and what was expected. */
    static Filter parse(String text) {
        return FilterParser.parse(text);
    }

    /** The canonical text of this filter; {@code parse(f.toText()).equals(f)}. */
    default String toText() {
        return FilterPrinter.print(this);
    }

    /** The field names this filter references, in order of first appearance. */
    default Set<String> fields() {
        return FilterFields.referenced(this);
    }

    /**
     * The fields this filter compares by order ({@code < <= > >=} or {@code between}), in order of first
     * appearance. Such comparisons let a caller bisect a hidden value, so the policy refuses them on masked fields.
     */
    default Set<String> orderedFields() {
        return FilterFields.ordered(this);
    }

    /**
     * True when the row satisfies the filter under SQL three-valued logic: a comparison with a null or
     * missing value, or with a value of another type, is UNKNOWN, {@code not UNKNOWN} is UNKNOWN, and only
     * TRUE selects the row.
     */
    default boolean evaluate(Map<String, ?> row) {
        return FilterEvaluator.evaluate(this, row) == Truth.TRUE;
    }

    /** A parameterised PostgreSQL boolean expression with placeholders {@code $1..$n}. */
    default SqlFragment toSql(ColumnMapper columns) {
        return SqlRenderer.render(this, columns, 1);
    }

    /** As {@link #toSql(ColumnMapper)}, numbering placeholders from {@code firstPlaceholder}. */
    default SqlFragment toSql(ColumnMapper columns, int firstPlaceholder) {
        return SqlRenderer.render(this, columns, firstPlaceholder);
    }

    /** Both filters; null stands for "no restriction", so {@code and(null, b) == b}. Equal operands collapse. */
    static Filter and(Filter a, Filter b) {
        if (a == null) {
            return b;
        }
        if (b == null || a.equals(b)) {
            return a;
        }
        return new And(a, b);
    }

    /**
     * A conservative check that every row selected by {@code narrow} is selected by {@code wide}.
     * True when it can be seen from the syntax alone: {@code wide} is null (everything), the two are equal,
     * {@code narrow} is {@code wide and something} (in any nesting of {@code and}), every conjunct of an
     * {@code and} in {@code wide} is implied, one alternative of an {@code or} in {@code wide} is implied, or
     * every alternative of an {@code or} in {@code narrow} implies {@code wide}. False means "not shown",
     * not "does not imply" (e.g. {@code a < 5} vs {@code a < 10} gives false).
     */
    static boolean impliesSyntactically(Filter narrow, Filter wide) {
        return FilterImplication.implies(narrow, wide);
    }
}
