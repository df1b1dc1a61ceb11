package org.govdx.rules.policy;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One aggregate of an AGGREGATE data call (DOMAIN rule 4), e.g. {@code SUM(income)}; {@code COUNT} may have no
 * field ({@code COUNT(*)}).
 *
 * @param function the function
 * @param field    the field, or empty for {@code COUNT(*)}
 */
public record AggregateOp(AggregateFunction function, Optional<String> field) {
    public AggregateOp {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(field, "field");
        if (field.isEmpty() && function != AggregateFunction.COUNT) {
            throw new IllegalArgumentException("only COUNT may have no field");
        }
        field.ifPresent(f -> Caller.requireText(f, "field"));
    }

    public static AggregateOp countAll() {
        return new AggregateOp(AggregateFunction.COUNT, Optional.empty());
    }

    public static AggregateOp of(AggregateFunction function, String field) {
        return new AggregateOp(function, Optional.of(field));
    }

    /** The output column: {@code count} for COUNT(*), else e.g. {@code sum_income}. */
    public String outputName() {
        String f = function.name().toLowerCase(Locale.ROOT);
        return field.map(name -> f + "_" + name).orElse(f);
    }
}
