package org.govdx.catalog.domain;

/** A correction report (DOMAIN rule 12): OPEN until the provider accepts (and corrects) or rejects it. */
public enum CorrectionStatus {
    OPEN, ACCEPTED, REJECTED
}
