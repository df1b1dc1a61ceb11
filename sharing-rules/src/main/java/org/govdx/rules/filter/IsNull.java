package org.govdx.rules.filter;

/** Row-filter predicate (DOMAIN rule 5) {@code field is null}. */
public record IsNull(String field) implements Filter {
    public IsNull {
        FilterParser.requireFieldName(field);
    }
}
