package org.govdx.rules.masking;

/**
 * The levels of the {@link MaskingStrategy#GENERALIZE} strategy (DOMAIN rule 3: "date to year, age to band").
 * {@link #token()} is the level's name inside {@code generalize(...)}; {@link #NUMBER_BAND} also carries a
 * band width, written {@code generalize(number:10)}.
 */
public enum Generalization {
    /** A date to its year: {@code 1985-03-02 → 1985}. */
    DATE_TO_YEAR("date:year"),
    /** A date to its month: {@code 1985-03-02 → 1985-03}. */
    DATE_TO_MONTH("date:month"),
    /** A number to its half-open band of the rule's width: {@code 37 → [30,40)}. */
    NUMBER_BAND("number"),
    /** A GB/T 2260 division code to its city: {@code 320505 → 320500}. */
    DIVISION_TO_CITY("division:city"),
    /** A GB/T 2260 division code to its province: {@code 320505 → 320000}. */
    DIVISION_TO_PROVINCE("division:province");

    private final String token;

    Generalization(String token) {
        this.token = token;
    }

    /** The name inside {@code generalize(...)}; for {@link #NUMBER_BAND} followed by {@code :width}. */
    public String token() {
        return token;
    }
}
