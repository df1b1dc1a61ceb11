package org.govdx.rules.policy;

/** The aggregate functions of the AGGREGATE access mode (DOMAIN rule 4: counts, sums, averages). */
public enum AggregateFunction {
    /** Number of rows (no field) or of non-null values of a field; allowed on masked fields. */
    COUNT,
    /** Sum of a numeric field delivered in clear. */
    SUM,
    /** Average of a numeric field delivered in clear. */
    AVG,
    /** Smallest value of a field delivered in clear. */
    MIN,
    /** Largest value of a field delivered in clear. */
    MAX;

    /** True when the function reveals values of its field, so the field must be granted in clear. */
    public boolean revealsValues() {
        return this != COUNT;
    }
}
