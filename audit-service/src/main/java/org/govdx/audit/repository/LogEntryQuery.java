package org.govdx.audit.repository;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An auditor's filter over the log. Every field is optional; {@code visibleToDepartment}, when set, limits
 * the result to events about that department's data or by that department's people (a CDO's view).
 * {@code afterIndex} and {@code beforeIndex} bound the indices (exclusive), e.g. a cursor and a checkpoint's size.
 */
public record LogEntryQuery(OffsetDateTime from, OffsetDateTime to, String actor, String actorDepartment, String ownerDepartment,
                            String dataset, String agreement, String action, String outcome, String visibleToDepartment,
                            Long afterIndex, Long beforeIndex, int limit) {

    public LogEntryQuery(OffsetDateTime from, OffsetDateTime to, String actor, String actorDepartment, String ownerDepartment,
                         String dataset, String agreement, String action, String outcome, String visibleToDepartment,
                         Long afterIndex, int limit) {
        this(from, to, actor, actorDepartment, ownerDepartment, dataset, agreement, action, outcome, visibleToDepartment, afterIndex, null, limit);
    }

    /** The same query seen by one department (a CDO), or unchanged for {@code null}. */
    public LogEntryQuery visibleTo(String department) {
        return new LogEntryQuery(from, to, actor, actorDepartment, ownerDepartment, dataset, agreement, action, outcome, department,
                afterIndex, beforeIndex, limit);
    }

    public LogEntryQuery before(Long index) {
        return new LogEntryQuery(from, to, actor, actorDepartment, ownerDepartment, dataset, agreement, action, outcome, visibleToDepartment,
                afterIndex, index, limit);
    }

    /** The filters the caller gave, by their query-parameter names (for the audit.queried event). */
    public Map<String, Object> filters() {
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("from", from);
        filters.put("to", to);
        filters.put("actor", actor);
        filters.put("actorDepartment", actorDepartment);
        filters.put("ownerDepartment", ownerDepartment);
        filters.put("dataset", dataset);
        filters.put("agreement", agreement);
        filters.put("action", action);
        filters.put("outcome", outcome);
        filters.put("cursor", afterIndex);
        return filters;
    }
}
