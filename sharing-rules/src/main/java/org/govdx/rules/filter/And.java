package org.govdx.rules.filter;

import java.util.Objects;

/** Row-filter conjunction (DOMAIN rule 5) {@code left and right}; text {@code a and b and c} parses left-nested: {@code And(And(a, b), c)}. */
public record And(Filter left, Filter right) implements Filter {
    public And {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
    }
}
