package org.govdx.rules.filter;

import java.util.Objects;

/** Row-filter predicate (DOMAIN rule 5) {@code field op literal}. */
public record Comparison(String field, ComparisonOperator operator, Literal value) implements Filter {
    public Comparison {
        FilterParser.requireFieldName(field);
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(value, "value");
    }
}
