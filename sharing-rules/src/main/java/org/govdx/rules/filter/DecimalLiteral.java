package org.govdx.rules.filter;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A row-filter (DOMAIN rule 5) decimal literal such as {@code 12.50}: digits, a point, digits. The scale is kept ({@code 1.50} and
 * {@code 1.5} are different literals that compare equal); a value without fraction digits is given one
 * ({@code 15 → 15.0}) so that it prints as a decimal, not as an integer.
 */
public record DecimalLiteral(BigDecimal value) implements Literal {
    public DecimalLiteral {
        Objects.requireNonNull(value, "value");
        if (value.scale() <= 0) {
            value = value.setScale(1);
        }
    }

    @Override
    public Object sqlValue() {
        return value;
    }
}
