package org.govdx.rules.identifiers;

/** Sex as encoded in the 17th character of a resident ID number (DOMAIN rule 3; GB 11643-1999): odd male, even female. */
public enum Sex {
    MALE,
    FEMALE
}
