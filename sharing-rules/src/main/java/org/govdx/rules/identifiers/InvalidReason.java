package org.govdx.rules.identifiers;

/** Why an identifier was rejected (DOMAIN rule 9: uploaded data is validated against data elements). */
public enum InvalidReason {
    /** The input was null or blank. */
    EMPTY,
    /** The input does not have the identifier's length. */
    WRONG_LENGTH,
    /** A character is not allowed at its position. */
    ILLEGAL_CHARACTER,
    /** The first two digits of a division code are not a GB/T 2260 province. */
    UNKNOWN_PROVINCE,
    /** A division code whose city part is 00 has a non-zero county part. */
    MALFORMED_DIVISION_CODE,
    /** The birth date of a resident ID number is not a calendar date. */
    INVALID_BIRTH_DATE,
    /** The birth date of a resident ID number lies after today. */
    BIRTH_DATE_IN_FUTURE,
    /** The birth date of a resident ID number lies before 1900-01-01. */
    BIRTH_DATE_BEFORE_1900,
    /** The check character does not match the other characters. */
    CHECK_CHARACTER_MISMATCH,
    /** A mobile number does not start with 13-19. */
    INVALID_PREFIX
}
