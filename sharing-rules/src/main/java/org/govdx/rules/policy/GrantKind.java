package org.govdx.rules.policy;

/** What authorises a non-owner to read a dataset (DOMAIN rules 1 and 5). */
public enum GrantKind {
    /** A signed agreement between consumer and provider; required for RESTRICTED data. */
    AGREEMENT,
    /** An authorisation to use OPEN data after the platform's conformity review. */
    OPEN_USE
}
