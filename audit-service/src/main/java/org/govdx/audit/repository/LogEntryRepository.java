package org.govdx.audit.repository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reads the log; only queries, never writes (ingest owns writing). */
@ApplicationScoped
public class LogEntryRepository {

    @Inject
    Pool pool;

    @Inject
    ObjectMapper mapper;

    /** A logged entry: its index, its canonical JSON as parsed, and its leaf hash. */
    public record StoredEntry(long index, JsonNode event, byte[] leafHash) {
    }

    public Uni<List<StoredEntry>> find(LogEntryQuery q) {
        StringBuilder sql = new StringBuilder("select idx, entry, leaf_hash from log_entry where true");
        List<Object> params = new ArrayList<>();
        condition(sql, params, "occurred_at >= $", q.from());
        condition(sql, params, "occurred_at < $", q.to());
        condition(sql, params, "actor_username = $", q.actor());
        condition(sql, params, "actor_department = $", q.actorDepartment());
        condition(sql, params, "owner_department = $", q.ownerDepartment());
        condition(sql, params, "dataset_id = $", q.dataset());
        condition(sql, params, "agreement_id = $", q.agreement());
        condition(sql, params, "action = $", q.action());
        condition(sql, params, "outcome = $", q.outcome());
        condition(sql, params, "idx > $", q.afterIndex());
        if (q.visibleToDepartment() != null) {
            params.add(q.visibleToDepartment());
            int n = params.size();
            sql.append(" and (owner_department = $").append(n).append(" or actor_department = $").append(n).append(')');
        }
        params.add(q.limit());
        sql.append(" order by idx limit $").append(params.size());
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(params)).map(rows -> {
            List<StoredEntry> entries = new ArrayList<>();
            for (Row row : rows) {
                entries.add(new StoredEntry(row.getLong("idx"), parse(row.getString("entry")), row.getBuffer("leaf_hash").getBytes()));
            }
            return entries;
        });
    }

    public Uni<Long> size() {
        return pool.query("select size from log_state").execute().map(rows -> rows.iterator().next().getLong(0));
    }

    private static void condition(StringBuilder sql, List<Object> params, String clause, Object value) {
        if (value != null) {
            params.add(value);
            sql.append(" and ").append(clause).append(params.size());
        }
    }

    private JsonNode parse(String entry) {
        try {
            return mapper.readTree(entry);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
