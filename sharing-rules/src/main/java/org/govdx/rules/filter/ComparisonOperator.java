package org.govdx.rules.filter;

/** The comparison operators of the filter language (DOMAIN rule 5 row filters). */
public enum ComparisonOperator {
    EQ("="),
    NE("!="),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">=");

    private final String symbol;

    ComparisonOperator(String symbol) {
        this.symbol = symbol;
    }

    /** The operator as printed in filter text and in SQL ({@code !=} is also valid PostgreSQL). */
    public String symbol() {
        return symbol;
    }

    /** True for the ordering operators {@code < <= > >=}. */
    public boolean isOrdering() {
        return this != EQ && this != NE;
    }

    /** Whether {@code comparison} (negative, zero, positive) satisfies this operator. */
    boolean test(int comparison) {
        return switch (this) {
            case EQ -> comparison == 0;
            case NE -> comparison != 0;
            case LT -> comparison < 0;
            case LE -> comparison <= 0;
            case GT -> comparison > 0;
            case GE -> comparison >= 0;
        };
    }
}
