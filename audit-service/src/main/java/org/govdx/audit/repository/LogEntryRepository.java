package org.govdx.audit.repository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads the log; only queries, never writes (the sequencer owns writing). */
@ApplicationScoped
public class LogEntryRepository {

    /** The columns of an export row, in this order. */
    public static final String EXPORT_COLUMNS = "idx, event_id, occurred_at, ingested_at, source, action, outcome, actor_username, "
            + "actor_department, owner_department, dataset_id, agreement_id, leaf_hash, entry";

    /** Rows a cursor fetches per round trip. */
    private static final int FETCH = 500;

    @Inject
    Pool pool;

    @Inject
    ObjectMapper mapper;

    /** A logged entry: its index, its canonical JSON as parsed, and its leaf hash. */
    public record StoredEntry(long index, JsonNode event, byte[] leafHash) {
    }

    /** Where an entry is and whom it concerns (for proofs and visibility checks). */
    public record EntryRef(long index, UUID eventId, String ownerDepartment, String actorDepartment, byte[] leafHash) {
    }

    public Uni<List<StoredEntry>> find(LogEntryQuery q) {
        List<Object> params = new ArrayList<>();
        String sql = "select idx, entry, leaf_hash from log_entry where " + where(q, params);
        params.add(q.limit());
        sql += " order by idx limit $" + params.size();
        return pool.preparedQuery(sql).execute(Tuple.from(params)).map(rows -> {
            List<StoredEntry> entries = new ArrayList<>();
            for (Row row : rows) {
                entries.add(new StoredEntry(row.getLong("idx"), parse(row.getString("entry")), row.getBuffer("leaf_hash").getBytes()));
            }
            return entries;
        });
    }

    /**
     * Every entry the query matches, in index order, streamed through a server-side cursor ({@value #FETCH} rows per
     * fetch) on a connection of its own, so memory stays constant however many rows match. The limit is ignored.
     */
    public Multi<Row> stream(LogEntryQuery q, String columns) {
        List<Object> params = new ArrayList<>();
        String sql = "select " + columns + " from log_entry where " + where(q, params) + " order by idx";
        return streamSql(sql, Tuple.from(params));
    }

    /** All entries in index order with the stored level-0 node of the same index, for verification. */
    public Multi<Row> streamWithLeafNodes(long limitSize) {
        return streamSql("select e.idx, e.entry, e.leaf_hash, m.hash as node_hash from log_entry e "
                + "left join merkle_node m on m.level = 0 and m.idx = e.idx where e.idx < $1 order by e.idx", Tuple.of(limitSize));
    }

    private record Cursor(SqlConnection connection, Transaction transaction) {
    }

    private Multi<Row> streamSql(String sql, Tuple params) {
        return Multi.createFrom().resourceFromUni(
                        () -> pool.getConnection().flatMap(c -> c.begin().map(tx -> new Cursor(c, tx))),
                        cursor -> cursor.connection().prepare(sql)
                                .onItem().transformToMulti(statement -> statement.createStream(FETCH, params).toMulti()))
                .withFinalizer((java.util.function.Function<Cursor, Uni<Void>>) cursor -> cursor.transaction().rollback()
                        .onFailure().recoverWithNull()
                        .onTermination().call(() -> cursor.connection().close()));
    }

    /** The lowest index at or above {@code index}, or null: entries past the log's size can only have been inserted by hand. */
    public Uni<Long> firstIndexFrom(long index) {
        return pool.preparedQuery("select min(idx) from log_entry where idx >= $1").execute(Tuple.of(index))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    public Uni<Long> size() {
        return pool.query("select size from log_state").execute().map(rows -> rows.iterator().next().getLong(0));
    }

    public Uni<EntryRef> byIndex(long index) {
        return ref("idx = $1", index);
    }

    public Uni<EntryRef> byEventId(UUID eventId) {
        return ref("event_id = $1", eventId);
    }

    private Uni<EntryRef> ref(String condition, Object value) {
        return pool.preparedQuery("select idx, event_id, owner_department, actor_department, leaf_hash from log_entry where " + condition)
                .execute(Tuple.of(value))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return null;
                    }
                    Row row = it.next();
                    return new EntryRef(row.getLong("idx"), row.getUUID("event_id"), row.getString("owner_department"),
                            row.getString("actor_department"), row.getBuffer("leaf_hash").getBytes());
                });
    }

    /** The entry texts of indices {@code [from, to)}, in index order (for entry bundles). */
    public Uni<List<Row>> range(long from, long to) {
        return pool.preparedQuery("select idx, entry from log_entry where idx >= $1 and idx < $2 order by idx")
                .execute(Tuple.of(from, to))
                .map(rows -> {
                    List<Row> list = new ArrayList<>(rows.size());
                    rows.forEach(list::add);
                    return list;
                });
    }

    /** The SQL condition of a query; appends its parameters. */
    static String where(LogEntryQuery q, List<Object> params) {
        StringBuilder sql = new StringBuilder("true");
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
        condition(sql, params, "idx < $", q.beforeIndex());
        if (q.visibleToDepartment() != null) {
            params.add(q.visibleToDepartment());
            int n = params.size();
            sql.append(" and (owner_department = $").append(n).append(" or actor_department = $").append(n).append(')');
        }
        return sql.toString();
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
