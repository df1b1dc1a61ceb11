package org.govdx.rules.filter;

/** A row-filter (DOMAIN rule 5) whole-number literal within the range of {@code long}, optionally negative. */
public record IntegerLiteral(long value) implements Literal {
    @Override
    public Object sqlValue() {
        return value;
    }
}
