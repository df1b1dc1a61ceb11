package org.govdx.rules.filter;

import java.util.Objects;

/** Row-filter negation (DOMAIN rule 5) {@code not operand}; under three-valued logic {@code not UNKNOWN} stays UNKNOWN. */
public record Not(Filter operand) implements Filter {
    public Not {
        Objects.requireNonNull(operand, "operand");
    }
}
