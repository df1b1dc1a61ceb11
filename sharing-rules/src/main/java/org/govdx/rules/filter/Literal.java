package org.govdx.rules.filter;

/** A constant in a filter (DOMAIN rule 5 row filters): text, integer, decimal, boolean or date. */
public sealed interface Literal permits TextLiteral, IntegerLiteral, DecimalLiteral, BooleanLiteral, DateLiteral {

    /** The value bound as a SQL parameter: String, Long, BigDecimal, Boolean or LocalDate. */
    Object sqlValue();
}
