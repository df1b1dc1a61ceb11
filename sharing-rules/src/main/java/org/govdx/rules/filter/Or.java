package org.govdx.rules.filter;

import java.util.Objects;

/** Row-filter disjunction (DOMAIN rule 5) {@code left or right}; text {@code a or b or c} parses left-nested: {@code Or(Or(a, b), c)}. */
public record Or(Filter left, Filter right) implements Filter {
    public Or {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
    }
}
