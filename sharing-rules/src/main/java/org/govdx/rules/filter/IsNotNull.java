package org.govdx.rules.filter;

/** {@code field is not null}. */
public record IsNotNull(String field) implements Filter {
    public IsNotNull {
        FilterParser.requireFieldName(field);
    }
}
