package org.govdx.rules.identifiers;

/** Sex as encoded in the 17th character of a resident ID number: odd male, even female (GB 11643-1999). */
public enum Sex {
    MALE,
    FEMALE
}
