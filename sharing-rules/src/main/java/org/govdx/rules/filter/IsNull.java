package org.govdx.rules.filter;

/** {@code field is null}. */
public record IsNull(String field) implements Filter {
    public IsNull {
        FilterParser.requireFieldName(field);
    }
}
