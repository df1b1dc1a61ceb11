package org.govdx.rules.policy;

/** Sort direction of a VIEW or EXTRACT data call. */
public enum SortDirection {
    ASC,
    DESC
}
