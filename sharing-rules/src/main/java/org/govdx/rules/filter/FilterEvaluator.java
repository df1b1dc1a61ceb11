package org.govdx.rules.filter;

import java.util.Map;
import java.util.OptionalInt;

/**
 * Evaluates a {@link Filter} on an in-memory row with SQL three-valued logic, so that the result agrees with
 * the database running {@link SqlRenderer}'s output (DOMAIN rule 5 row filters). Values compare as described
 * on {@link ValueOrdering}; a null, missing or incomparable value makes a comparison UNKNOWN.
 */
public final class FilterEvaluator {

    private FilterEvaluator() {
    }

    /** The truth value of {@code filter} on {@code row} (a missing key is null). */
    public static Truth evaluate(Filter filter, Map<String, ?> row) {
        if (filter instanceof Comparison c) {
            return compare(row.get(c.field()), c.value(), c.operator());
        }
        if (filter instanceof InList in) {
            Object value = row.get(in.field());
            Truth result = Truth.FALSE;
            for (Literal literal : in.values()) {
                result = result.or(compare(value, literal, ComparisonOperator.EQ));
            }
            return result;
        }
        if (filter instanceof Between b) {
            Object value = row.get(b.field());
            return compare(value, b.low(), ComparisonOperator.GE).and(compare(value, b.high(), ComparisonOperator.LE));
        }
        if (filter instanceof IsNull n) {
            return Truth.of(row.get(n.field()) == null);
        }
        if (filter instanceof IsNotNull n) {
            return Truth.of(row.get(n.field()) != null);
        }
        if (filter instanceof And a) {
            return evaluate(a.left(), row).and(evaluate(a.right(), row));
        }
        if (filter instanceof Or o) {
            return evaluate(o.left(), row).or(evaluate(o.right(), row));
        }
        return evaluate(((Not) filter).operand(), row).not();
    }

    private static Truth compare(Object value, Literal literal, ComparisonOperator operator) {
        OptionalInt comparison = ValueOrdering.compare(value, literal);
        return comparison.isPresent() ? Truth.of(operator.test(comparison.getAsInt())) : Truth.UNKNOWN;
    }
}
