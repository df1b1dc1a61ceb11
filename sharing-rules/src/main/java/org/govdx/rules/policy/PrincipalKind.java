package org.govdx.rules.policy;

/** Who is calling (DOMAIN "Who uses it": a steward is a person or the department's own system). */
public enum PrincipalKind {
    /** A person signed in. */
    USER,
    /** A department's system (service account); may act on behalf of a clerk. */
    SYSTEM_CLIENT
}
