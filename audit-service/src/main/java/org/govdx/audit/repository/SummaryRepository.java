package org.govdx.audit.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Aggregations over the log for auditors' charts and the sharing credits. An access is an event whose action starts
 * with {@code data.} (reads, aggregates, extracts, refused or not); days are UTC days of {@code occurred_at}.
 * {@code department}, when set, limits every figure to events about that department's data or by its people.
 */
@ApplicationScoped
public class SummaryRepository {

    private static final String DAY = "(occurred_at at time zone 'UTC')::date";
    private static final String ACCESS = "action like 'data.%'";

    @Inject
    Pool pool;

    public record PairDay(LocalDate day, String consumerDepartment, String ownerDepartment, long allowed, long denied) {
    }

    public record DenialDay(LocalDate day, long denials, long accessDenials) {
    }

    public record DatasetUse(String datasetId, String ownerDepartment, long accesses, long denied, long consumerDepartments) {
    }

    /** Allowed accesses between two different departments, and what each department used of others or others of it. */
    public record DepartmentUse(String department, long usesByOthers, long datasetsUsedByOthers, long consumerDepartments,
                                long usesOfOthers, long providerDepartments) {
    }

    /** The latest publication of each dataset in the period, with its quality details when given. */
    public record Publication(String department, String datasetId, String quality) {
    }

    public Uni<List<PairDay>> accessesByDepartmentPair(OffsetDateTime from, OffsetDateTime to, String department) {
        List<Object> params = new ArrayList<>(List.of(from, to));
        String sql = "select " + DAY + " as day, actor_department, owner_department, "
                + "count(*) filter (where outcome = 'ALLOWED') as allowed, count(*) filter (where outcome = 'DENIED') as denied "
                + "from log_entry where " + window(params, department) + " and " + ACCESS + " group by 1, 2, 3 order by 1, 2, 3";
        return list(sql, params, row -> new PairDay(row.getLocalDate("day"), row.getString("actor_department"),
                row.getString("owner_department"), row.getLong("allowed"), row.getLong("denied")));
    }

    public Uni<List<DenialDay>> denialsByDay(OffsetDateTime from, OffsetDateTime to, String department) {
        List<Object> params = new ArrayList<>(List.of(from, to));
        String sql = "select " + DAY + " as day, count(*) as denials, count(*) filter (where " + ACCESS + ") as access_denials "
                + "from log_entry where " + window(params, department) + " and outcome = 'DENIED' group by 1 order by 1";
        return list(sql, params, row -> new DenialDay(row.getLocalDate("day"), row.getLong("denials"), row.getLong("access_denials")));
    }

    public Uni<List<DatasetUse>> topDatasets(OffsetDateTime from, OffsetDateTime to, String department, int limit) {
        List<Object> params = new ArrayList<>(List.of(from, to));
        String where = window(params, department);
        params.add(limit);
        String sql = "select dataset_id, owner_department, count(*) filter (where outcome = 'ALLOWED') as accesses, "
                + "count(*) filter (where outcome = 'DENIED') as denied, "
                + "count(distinct actor_department) filter (where outcome = 'ALLOWED') as consumers "
                + "from log_entry where " + where + " and " + ACCESS + " and dataset_id is not null "
                + "group by 1, 2 order by accesses desc, denied desc, dataset_id limit $" + params.size();
        return list(sql, params, row -> new DatasetUse(row.getString("dataset_id"), row.getString("owner_department"),
                row.getLong("accesses"), row.getLong("denied"), row.getLong("consumers")));
    }

    public Uni<List<DepartmentUse>> crossDepartmentUse(OffsetDateTime from, OffsetDateTime to) {
        String used = "from log_entry where occurred_at >= $1 and occurred_at < $2 and " + ACCESS + " and outcome = 'ALLOWED' "
                + "and actor_department is not null and owner_department is not null and actor_department <> owner_department";
        String sql = "with by_others as (select owner_department as department, count(*) as uses, count(distinct dataset_id) as datasets, "
                + "count(distinct actor_department) as consumers " + used + " group by 1), "
                + "of_others as (select actor_department as department, count(*) as uses, count(distinct owner_department) as providers "
                + used + " group by 1) "
                + "select coalesce(b.department, o.department) as department, coalesce(b.uses, 0) as uses_by_others, "
                + "coalesce(b.datasets, 0) as datasets, coalesce(b.consumers, 0) as consumers, coalesce(o.uses, 0) as uses_of_others, "
                + "coalesce(o.providers, 0) as providers from by_others b full join of_others o on o.department = b.department";
        return list(sql, new ArrayList<>(List.of(from, to)), row -> new DepartmentUse(row.getString("department"), row.getLong("uses_by_others"),
                row.getLong("datasets"), row.getLong("consumers"), row.getLong("uses_of_others"), row.getLong("providers")));
    }

    public Uni<List<Publication>> publications(OffsetDateTime from, OffsetDateTime to) {
        String sql = "select distinct on (owner_department, coalesce(dataset_id, event_id::text)) owner_department, dataset_id, "
                + "(entry::jsonb #> '{details,quality}')::text as quality from log_entry "
                + "where occurred_at >= $1 and occurred_at < $2 and action = 'dataset.published' and outcome = 'ALLOWED' "
                + "and owner_department is not null order by owner_department, coalesce(dataset_id, event_id::text), idx desc";
        return list(sql, new ArrayList<>(List.of(from, to)), row -> new Publication(row.getString("owner_department"),
                row.getString("dataset_id"), row.getString("quality")));
    }

    private static String window(List<Object> params, String department) {
        String sql = "occurred_at >= $1 and occurred_at < $2";
        if (department != null) {
            params.add(department);
            sql += " and (owner_department = $" + params.size() + " or actor_department = $" + params.size() + ")";
        }
        return sql;
    }

    private <T> Uni<List<T>> list(String sql, List<Object> params, Function<Row, T> map) {
        return pool.preparedQuery(sql).execute(Tuple.from(params)).map(rows -> {
            List<T> out = new ArrayList<>(rows.size());
            rows.forEach(row -> out.add(map.apply(row)));
            return out;
        });
    }
}
