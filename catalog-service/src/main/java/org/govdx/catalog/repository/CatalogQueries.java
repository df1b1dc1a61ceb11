package org.govdx.catalog.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The catalog's read-only SQL that Hibernate cannot express: trigram search with facets, the overlap check and
 * "who publishes element X". Runs on the reactive pool, outside any session: it reads committed rows only.
 */
@ApplicationScoped
public class CatalogQueries {

    @Inject
    Pool pool;

    // ------------------------------------------------------------------ search

    public Uni<SearchResult> search(SearchQuery query) {
        Uni<List<SearchResult.Hit>> page = page(query);
        if (!query.facets()) {
            return page.map(hits -> new SearchResult(hits, null, null));
        }
        return Uni.combine().all().unis(page, facets(query)).asTuple()
                .map(t -> new SearchResult(t.getItem1(), t.getItem2().facets(), t.getItem2().total()));
    }

    /** Builds SQL with numbered parameters ($1, $2, ...; public for the search benchmark, which runs the same SQL over JDBC). */
    public static final class Sql {
        public final List<Object> params = new ArrayList<>();

        String p(Object value) {
            params.add(value);
            return "$" + params.size();
        }

        Tuple tuple() {
            return Tuple.from(params);
        }
    }

    /** The conditions every search applies before facet filters: visibility, text, data element. */
    static String baseConditions(SearchQuery q, Sql sql, List<String> termParams) {
        StringBuilder where = new StringBuilder();
        if (q.mineDepartment() == null) {
            where.append("v.is_current and v.status = 'PUBLISHED'");
        } else {
            where.append("v.is_latest and v.owner_department = ").append(sql.p(q.mineDepartment()));
        }
        for (String term : q.terms()) {
            String param = sql.p(term);
            termParams.add(param);
            where.append(" and v.search_doc like ").append(param);
        }
        if (q.dataElement() != null) {
            where.append(" and exists (select 1 from dataset_field f where f.dataset_id = v.dataset_id and f.version = v.version and f.data_element = ")
                    .append(sql.p(q.dataElement())).append(')');
        }
        return where.toString();
    }

    /** The facet filters, by facet name, as conditions on the given column prefix. */
    static Map<String, String> facetFilters(SearchQuery q, Sql sql, String prefix) {
        Map<String, String> filters = new LinkedHashMap<>();
        if (q.department() != null) {
            filters.put("department", prefix + "owner_department = " + sql.p(q.department()));
        }
        if (q.classification() != null) {
            filters.put("classification", prefix + "classification = " + sql.p(q.classification().name()));
        }
        if (q.category() != null) {
            filters.put("category", prefix + "category = " + sql.p(q.category()));
        }
        if (q.updateFrequency() != null) {
            filters.put("updateFrequency", prefix + "update_frequency = " + sql.p(q.updateFrequency().name()));
        }
        if (q.status() != null) {
            filters.put("status", prefix + "status = " + sql.p(q.status().name()));
        }
        return filters;
    }

    static String scoreExpression(SearchQuery q, Sql sql, List<String> termParams) {
        if (termParams.isEmpty()) {
            return "0::float8";
        }
        StringBuilder score = new StringBuilder("(");
        for (String param : termParams) {
            score.append("(case when v.title_doc like ").append(param).append(" then 4 else 0 end) + ")
                    .append("(case when v.keywords_doc like ").append(param).append(" then 2 else 0 end) + ");
        }
        score.append("similarity(v.title_doc, ").append(sql.p(q.wholeText())).append("))::float8");
        return score.toString();
    }

    /** The SQL of one page of hits (exposed for the benchmark and the tests). */
    public static String pageSql(SearchQuery q, Sql sql) {
        List<String> termParams = new ArrayList<>();
        String where = baseConditions(q, sql, termParams);
        for (String filter : facetFilters(q, sql, "v.").values()) {
            where += " and " + filter;
        }
        String score = scoreExpression(q, sql, termParams);
        String order;
        String keyset = "true";
        SearchQuery.After after = q.after();
        switch (q.sort()) {
            case RELEVANCE -> {
                order = "score desc, dataset_id";
                if (after != null) {
                    String s = sql.p(after.score());
                    keyset = "(score < " + s + " or (score = " + s + " and dataset_id > " + sql.p(after.datasetId()) + "))";
                }
            }
            case TITLE -> {
                order = "title_sort, dataset_id";
                if (after != null) {
                    keyset = "(title_sort, dataset_id) > (" + sql.p(after.title()) + ", " + sql.p(after.datasetId()) + ")";
                }
            }
            default -> {
                order = "updated_at desc, dataset_id";
                if (after != null) {
                    String u = sql.p(after.updatedAt());
                    keyset = "(updated_at < " + u + " or (updated_at = " + u + " and dataset_id > " + sql.p(after.datasetId()) + "))";
                }
            }
        }
        String today = sql.p(q.today());
        String limit = sql.p(q.limit());
        return "select p.*, d.code, d.title_zh, d.title_en, left(d.description, 240) as summary, d.keywords, "
                + "qm.completeness, qm.validity, qm.uniqueness, qm.row_count, qm.measured_at, qm.last_upload_at, "
                + "c.open, c.overdue, c.accepted, c.rejected from ("
                + "select * from (select v.version_id, v.dataset_id, v.owner_department, "
                + "v.classification, v.category, v.update_frequency, v.status, v.version, v.updated_at, v.title_sort, "
                + score + " as score from dataset_search v where " + where + ") s where " + keyset
                + " order by " + order + " limit " + limit + ") p "
                + "join dataset_version d on d.id = p.version_id "
                + "left join lateral (select m.completeness, m.validity, m.uniqueness, m.row_count, m.measured_at, m.last_upload_at "
                + "from quality_measurement m where m.dataset_id = p.dataset_id and m.version = p.version order by m.measured_at desc limit 1) qm on true "
                + "left join lateral (select count(*) filter (where k.status = 'OPEN') as open, "
                + "count(*) filter (where k.status = 'OPEN' and k.due_date < " + today + ") as overdue, "
                + "count(*) filter (where k.status = 'ACCEPTED') as accepted, count(*) filter (where k.status = 'REJECTED') as rejected "
                + "from correction k where k.dataset_id = p.dataset_id) c on true "
                + "order by " + order.replace("score", "p.score").replace("title_sort", "p.title_sort")
                .replace("updated_at", "p.updated_at").replace("dataset_id", "p.dataset_id");
    }

    /**
     * The SQL of the facet counts (exposed for the benchmark): per facet, the count of each value among the
     * text matches under every filter except the facet's own, so a user sees what a different choice gives.
     */
    public static String facetSql(SearchQuery q, Sql sql) {
        List<String> termParams = new ArrayList<>();
        String where = baseConditions(q, sql, termParams);
        Map<String, String> filters = facetFilters(q, sql, "");
        List<String> facets = new ArrayList<>(List.of("department", "classification", "category", "updateFrequency"));
        if (q.mineDepartment() != null) {
            facets.add("status");
        }
        Map<String, String> column = Map.of("department", "owner_department", "classification", "classification", "category", "category",
                "updateFrequency", "update_frequency", "status", "status");
        StringBuilder select = new StringBuilder("select case");
        for (String facet : facets) {
            select.append(" when grouping(").append(column.get(facet)).append(") = 0 then '").append(facet).append('\'');
        }
        select.append(" else 'total' end as facet, coalesce(");
        select.append(String.join(", ", facets.stream().map(column::get).toList())).append(") as value");
        for (String facet : facets) {
            List<String> others = filters.entrySet().stream().filter(e -> !e.getKey().equals(facet)).map(Map.Entry::getValue).toList();
            select.append(", count(*) filter (where ").append(others.isEmpty() ? "true" : String.join(" and ", others)).append(") as n_").append(column.get(facet));
        }
        select.append(", count(*) filter (where ").append(filters.isEmpty() ? "true" : String.join(" and ", filters.values())).append(") as n_all");
        return "with hits as (select v.owner_department, v.classification, v.category, v.update_frequency, v.status "
                + "from dataset_search v where " + where + ") " + select + " from hits group by grouping sets ("
                + String.join(", ", facets.stream().map(f -> "(" + column.get(f) + ")").toList()) + ", ())";
    }

    private Uni<List<SearchResult.Hit>> page(SearchQuery query) {
        Sql sql = new Sql();
        String text = pageSql(query, sql);
        return pool.preparedQuery(text).execute(sql.tuple()).map(rows -> {
            List<SearchResult.Hit> hits = new ArrayList<>();
            for (Row r : rows) {
                hits.add(new SearchResult.Hit(r.getUUID("dataset_id"), r.getString("code"), r.getString("owner_department"),
                        r.getString("title_zh"), r.getString("title_en"), r.getString("summary"), r.getString("keywords"),
                        r.getString("classification"), r.getString("category"), r.getString("update_frequency"), r.getString("status"),
                        r.getInteger("version"), r.getOffsetDateTime("updated_at"), r.getString("title_sort"), r.getDouble("score"),
                        r.getDouble("completeness"), r.getDouble("validity"), r.getDouble("uniqueness"), r.getLong("row_count"),
                        r.getOffsetDateTime("measured_at"), r.getOffsetDateTime("last_upload_at"),
                        r.getLong("open"), r.getLong("overdue"), r.getLong("accepted"), r.getLong("rejected")));
            }
            return hits;
        });
    }

    record Facets(Map<String, Map<String, Long>> facets, long total) {
    }

    private Uni<Facets> facets(SearchQuery query) {
        Sql sql = new Sql();
        String text = facetSql(query, sql);
        return pool.preparedQuery(text).execute(sql.tuple()).map(rows -> {
            Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
            for (String f : List.of("department", "classification", "category", "updateFrequency")) {
                facets.put(f, new LinkedHashMap<>());
            }
            if (query.mineDepartment() != null) {
                facets.put("status", new LinkedHashMap<>());
            }
            long total = 0;
            Map<String, String> column = Map.of("department", "n_owner_department", "classification", "n_classification", "category", "n_category",
                    "updateFrequency", "n_update_frequency", "status", "n_status");
            for (Row r : rows) {
                String facet = r.getString("facet");
                if (facet.equals("total")) {
                    total = r.getLong("n_all");
                    continue;
                }
                long count = r.getLong(column.get(facet));
                if (count > 0) {
                    facets.get(facet).put(r.getString("value"), count);
                }
            }
            facets.values().forEach(values -> {
                List<Map.Entry<String, Long>> sorted = new ArrayList<>(values.entrySet());
                sorted.sort((a, b) -> b.getValue().equals(a.getValue()) ? a.getKey().compareTo(b.getKey()) : Long.compare(b.getValue(), a.getValue()));
                values.clear();
                sorted.forEach(e -> values.put(e.getKey(), e.getValue()));
            });
            return new Facets(facets, total);
        });
    }

    // ------------------------------------------------------------------ overlap (rule 11)

    /** A submitted field resembling a field of another dataset's current published version. */
    public record FieldOverlap(String field, UUID datasetId, String code, String ownerDepartment, String titleZh, String titleEn,
                               String classification, int version, String existingField, String existingTitleZh,
                               String dataElement, boolean sameElement, double similarity) {
    }

    /**
     * For each submitted field, the best match in every other dataset's current published version: the same
     * data element (similarity 1), or a field whose name or title is trigram-similar (≥ {@code threshold}).
     */
    public Uni<List<FieldOverlap>> overlap(UUID excludeDataset, List<String> names, List<String> titlesZh, List<String> titlesEn,
                                           List<String> dataElements, double threshold) {
        String matches = "select m.name as field, f.dataset_id, f.version, f.name as existing, f.title_zh as existing_title, f.data_element, "
                + "coalesce(m.data_element = f.data_element, false) as same_element, "
                + "case when coalesce(m.data_element = f.data_element, false) then 1.0::float8 "
                + "else greatest(similarity(m.name, f.name), similarity(m.title_zh, f.title_zh), similarity(lower(m.title_en), lower(f.title_en)))::float8 end as sim "
                + "from mine m join dataset_field f on ";
        String sql = "with mine as (select * from unnest($1::text[], $2::text[], $3::text[], $4::text[]) as m(name, title_zh, title_en, data_element)), "
                + "matches as (" + matches + "f.data_element = m.data_element "
                + "union all " + matches + "f.name % m.name "
                + "union all " + matches + "f.title_zh % m.title_zh "
                + "union all " + matches + "lower(f.title_en) % lower(m.title_en)), "
                + "best as (select distinct on (x.field, x.dataset_id) x.*, v.code, v.owner_department, v.title_zh, v.title_en, v.classification "
                + "from matches x join dataset_version v on v.dataset_id = x.dataset_id and v.version = x.version and v.is_current and v.status = 'PUBLISHED' "
                + "where x.dataset_id <> $5 and x.sim >= $6 order by x.field, x.dataset_id, x.sim desc, x.existing) "
                + "select * from best order by dataset_id, field";
        Tuple args = Tuple.of(names.toArray(new String[0]), titlesZh.toArray(new String[0]), titlesEn.toArray(new String[0]),
                dataElements.toArray(new String[0]), excludeDataset == null ? new UUID(0, 0) : excludeDataset, threshold);
        return pool.preparedQuery(sql).execute(args).map(rows -> {
            List<FieldOverlap> out = new ArrayList<>();
            for (Row r : rows) {
                out.add(new FieldOverlap(r.getString("field"), r.getUUID("dataset_id"), r.getString("code"), r.getString("owner_department"),
                        r.getString("title_zh"), r.getString("title_en"), r.getString("classification"), r.getInteger("version"),
                        r.getString("existing"), r.getString("existing_title"), r.getString("data_element"), r.getBoolean("same_element"),
                        r.getDouble("sim")));
            }
            return out;
        });
    }

    // ------------------------------------------------------------------ publishers of a data element

    public record Publisher(UUID datasetId, String code, String ownerDepartment, String titleZh, String titleEn, String classification,
                            int version, List<String> fields) {
    }

    /** Current published versions with a field mapped to {@code element}, by dataset code, after {@code afterCode}. */
    public Uni<List<Publisher>> publishers(String element, String afterCode, int limit) {
        String sql = "select v.dataset_id, v.code, v.owner_department, v.title_zh, v.title_en, v.classification, v.version, "
                + "array_agg(f.name order by f.position) as fields from dataset_field f "
                + "join dataset_version v on v.dataset_id = f.dataset_id and v.version = f.version and v.is_current and v.status = 'PUBLISHED' "
                + "where f.data_element = $1 and ($2::text is null or v.code > $2) "
                + "group by v.dataset_id, v.code, v.owner_department, v.title_zh, v.title_en, v.classification, v.version order by v.code limit $3";
        return pool.preparedQuery(sql).execute(Tuple.of(element, afterCode, limit)).map(rows -> {
            List<Publisher> out = new ArrayList<>();
            for (Row r : rows) {
                out.add(new Publisher(r.getUUID("dataset_id"), r.getString("code"), r.getString("owner_department"), r.getString("title_zh"),
                        r.getString("title_en"), r.getString("classification"), r.getInteger("version"),
                        List.of(r.getArrayOfStrings("fields"))));
            }
            return out;
        });
    }

    /** Whether the pool answers (for tests and health). */
    public Uni<RowSet<Row>> ping() {
        return pool.query("select 1").execute();
    }
}
