package org.govdx.audit.repository;

import java.time.OffsetDateTime;

/**
 * An auditor's filter over the log. Every field is optional; {@code visibleToDepartment}, when set, limits
 * the result to events about that department's data or by that department's people (a CDO's view).
 */
public record LogEntryQuery(OffsetDateTime from, OffsetDateTime to, String actor, String actorDepartment, String ownerDepartment,
                            String dataset, String agreement, String action, String outcome, String visibleToDepartment,
                            Long afterIndex, int limit) {
}
