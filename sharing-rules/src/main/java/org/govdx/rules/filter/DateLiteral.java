package org.govdx.rules.filter;

import java.time.LocalDate;
import java.util.Objects;

/** Row-filter literal (DOMAIN rule 5) {@code date 'yyyy-MM-dd'}. */
public record DateLiteral(LocalDate value) implements Literal {
    public DateLiteral {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public Object sqlValue() {
        return value;
    }
}
