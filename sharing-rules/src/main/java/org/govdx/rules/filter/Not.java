package org.govdx.rules.filter;

import java.util.Objects;

/** {@code not operand}. */
public record Not(Filter operand) implements Filter {
    public Not {
        Objects.requireNonNull(operand, "operand");
    }
}
