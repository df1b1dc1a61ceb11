package org.govdx.catalog.domain;

/** The value type of a data element or a dataset field. */
public enum ValueType {
    STRING, INTEGER, DECIMAL, DATE, DATETIME, BOOLEAN, ENUM;

    /**
     * Whether a field of this type may map to a data element of type {@code element}: the same type, or an
     * enumerated element behind a plain text field.
     */
    public boolean accepts(ValueType element) {
        return this == element || (this == STRING && element == ENUM);
    }
}
