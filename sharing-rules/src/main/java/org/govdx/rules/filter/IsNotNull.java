package org.govdx.rules.filter;

/** Row-filter predicate (DOMAIN rule 5) {@code field is not null}. */
public record IsNotNull(String field) implements Filter {
    public IsNotNull {
        FilterParser.requireFieldName(field);
    }
}
