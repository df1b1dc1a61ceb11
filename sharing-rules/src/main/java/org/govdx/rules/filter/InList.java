package org.govdx.rules.filter;

import java.util.List;

/** Row-filter predicate (DOMAIN rule 5) {@code field in (literal, ...)}: at least one literal. */
public record InList(String field, List<Literal> values) implements Filter {
    public InList {
        FilterParser.requireFieldName(field);
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("an in-list needs at least one value");
        }
    }
}
