package org.govdx.catalog.domain;

/**
 * A dataset's status as a whole: PUBLISHED or RETIRED once a version was published, otherwise the state of
 * its only (unpublished) version.
 */
public enum DatasetStatus {
    DRAFT, SUBMITTED, REJECTED, PUBLISHED, RETIRED
}
