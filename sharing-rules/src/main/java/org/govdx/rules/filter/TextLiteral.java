package org.govdx.rules.filter;

import java.util.Objects;

/** A row-filter (DOMAIN rule 5) single-quoted string literal; a quote inside is written twice ({@code 'O''Brien'}). */
public record TextLiteral(String value) implements Literal {
    public TextLiteral {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public Object sqlValue() {
        return value;
    }
}
