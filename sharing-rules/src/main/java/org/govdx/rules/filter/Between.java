package org.govdx.rules.filter;

import java.util.Objects;

/** Row-filter predicate (DOMAIN rule 5) {@code field between low and high}, inclusive, as in SQL. */
public record Between(String field, Literal low, Literal high) implements Filter {
    public Between {
        FilterParser.requireFieldName(field);
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(high, "high");
    }
}
