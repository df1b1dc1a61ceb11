package org.govdx.audit.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.govdx.audit.repository.SummaryRepository;
import org.govdx.audit.repository.SummaryRepository.DatasetUse;
import org.govdx.audit.repository.SummaryRepository.DenialDay;
import org.govdx.audit.repository.SummaryRepository.PairDay;
import org.govdx.common.identity.Caller;
import org.govdx.common.problem.ProblemException;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Summaries for auditors' charts (issue 6.6), each scoped like the entries (a CDO sees its department's) and logged. */
@ApplicationScoped
public class SummaryService {

    @Inject
    SummaryRepository summaries;

    @Inject
    AuditAccess access;

    /** A summary over {@code [from, to)}, with the department it is limited to (null: all). */
    public record Summary<T>(OffsetDateTime from, OffsetDateTime to, String department, List<T> items) {
    }

    public Uni<Summary<PairDay>> departmentPairs(Caller caller, Period period) {
        return access.query(caller, "summaries.department-pairs", period.filters()).flatMap(grant ->
                summaries.accessesByDepartmentPair(period.from(), period.to(), grant.visibleToDepartment())
                        .map(items -> new Summary<>(period.from(), period.to(), grant.visibleToDepartment(), items)));
    }

    public Uni<Summary<DenialDay>> denials(Caller caller, Period period) {
        return access.query(caller, "summaries.denials", period.filters()).flatMap(grant ->
                summaries.denialsByDay(period.from(), period.to(), grant.visibleToDepartment())
                        .map(items -> new Summary<>(period.from(), period.to(), grant.visibleToDepartment(), items)));
    }

    public Uni<Summary<DatasetUse>> topDatasets(Caller caller, Period period, int limit) {
        Map<String, Object> filters = new LinkedHashMap<>(period.filters());
        filters.put("limit", limit);
        return access.query(caller, "summaries.top-datasets", filters).flatMap(grant ->
                summaries.topDatasets(period.from(), period.to(), grant.visibleToDepartment(), limit)
                        .map(items -> new Summary<>(period.from(), period.to(), grant.visibleToDepartment(), items)));
    }

    /** A half-open time window; by default the last 30 days. */
    public record Period(OffsetDateTime from, OffsetDateTime to) {

        public static Period of(OffsetDateTime from, OffsetDateTime to) {
            OffsetDateTime end = to != null ? to : OffsetDateTime.now(java.time.ZoneOffset.UTC);
            OffsetDateTime start = from != null ? from : end.minusDays(30);
            if (!start.isBefore(end)) {
                throw ProblemException.invalidField("from", "must be before to");
            }
            return new Period(start, end);
        }

        public Map<String, Object> filters() {
            Map<String, Object> filters = new LinkedHashMap<>();
            filters.put("from", from);
            filters.put("to", to);
            return filters;
        }
    }
}
