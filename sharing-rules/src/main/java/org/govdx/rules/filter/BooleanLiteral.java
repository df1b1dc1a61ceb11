package org.govdx.rules.filter;

/** Row-filter literal (DOMAIN rule 5) {@code true} or {@code false}. */
public record BooleanLiteral(boolean value) implements Literal {
    @Override
    public Object sqlValue() {
        return value;
    }
}
