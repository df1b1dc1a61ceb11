package org.govdx.catalog.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * The lifecycle of a dataset version, an explicit state machine (DOMAIN rule 7):
 * <pre>
 *   DRAFT ──submit──▶ SUBMITTED ──publish──▶ PUBLISHED ──retire──▶ RETIRED
 *     ▲                  │   └──publish (breaking, consumers)──▶ SCHEDULED ──notice period over──▶ PUBLISHED
 *     └──edit── REJECTED ◀┘reject (reason)             PUBLISHED ──newer version takes effect──▶ SUPERSEDED
 * </pre>
 * A REJECTED version goes back to DRAFT when edited, or is submitted again.
 */
public enum VersionStatus {
    DRAFT, SUBMITTED, REJECTED, SCHEDULED, PUBLISHED, SUPERSEDED, RETIRED;

    private Set<VersionStatus> next() {
        return switch (this) {
            case DRAFT -> EnumSet.of(DRAFT, SUBMITTED);
            case REJECTED -> EnumSet.of(DRAFT, SUBMITTED);
            case SUBMITTED -> EnumSet.of(PUBLISHED, SCHEDULED, REJECTED);
            case SCHEDULED -> EnumSet.of(PUBLISHED);
            case PUBLISHED -> EnumSet.of(SUPERSEDED, RETIRED);
            case SUPERSEDED, RETIRED -> EnumSet.noneOf(VersionStatus.class);
        };
    }

    public boolean canMoveTo(VersionStatus target) {
        return next().contains(target);
    }

    /** The owner may still change it. */
    public boolean isEditable() {
        return this == DRAFT || this == REJECTED;
    }

    /** Everyone may read it: it was published (or is about to take effect). */
    public boolean isPublic() {
        return this == SCHEDULED || this == PUBLISHED || this == SUPERSEDED || this == RETIRED;
    }
}
