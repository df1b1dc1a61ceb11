package org.govdx.rules.policy;

/** Sort direction of a VIEW or EXTRACT data call (DOMAIN rule 4). */
public enum SortDirection {
    ASC,
    DESC
}
