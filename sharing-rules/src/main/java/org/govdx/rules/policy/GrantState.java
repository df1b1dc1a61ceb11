package org.govdx.rules.policy;

/** Lifecycle state of a grant (DOMAIN rule 5: agreements are suspended, revoked or amended by a new version). */
public enum GrantState {
    ACTIVE,
    /** Paused by the provider; may become ACTIVE again. */
    SUSPENDED,
    /** Ended by the provider. */
    REVOKED,
    /** Its term ended. */
    EXPIRED,
    /** Replaced by a newer version of the agreement. */
    SUPERSEDED
}
