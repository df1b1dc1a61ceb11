package org.govdx.rules.filter;

/** {@code true} or {@code false}. */
public record BooleanLiteral(boolean value) implements Literal {
    @Override
    public Object sqlValue() {
        return value;
    }
}
