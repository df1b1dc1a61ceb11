package org.govdx.rules.policy;

/** What a plan rests on (recorded in the access log, DOMAIN rule 8). */
public enum PlanBasis {
    /** The owner department reads its own dataset. */
    OWNER,
    /** An open-use grant for OPEN data. */
    OPEN_USE,
    /** A signed agreement. */
    AGREEMENT
}
