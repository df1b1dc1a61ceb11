package org.govdx.audit.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.govdx.audit.domain.LogState;
import org.govdx.audit.domain.NodeBatch;
import org.govdx.audit.domain.PreparedEntry;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The statements of the append transaction, each on the caller's connection (the sequencer owns the transaction).
 * Rows go in as arrays through {@code unnest}: one statement per table per batch, however large the batch.
 */
@ApplicationScoped
public class LogWriteRepository {

    /** Locks the coordinator row for the rest of the transaction: appenders serialise here, whichever replica they run in. */
    public Uni<LogState> lockState(SqlConnection connection) {
        return connection.query("select size, root_hash from log_state for update").execute()
                .map(rows -> state(rows.iterator().next()));
    }

    /** The unlocked, last committed state. */
    public Uni<LogState> state(io.vertx.mutiny.sqlclient.SqlClient client) {
        return client.query("select size, root_hash from log_state").execute()
                .map(rows -> state(rows.iterator().next()));
    }

    public Uni<Set<UUID>> existingEventIds(SqlConnection connection, UUID[] ids) {
        return connection.preparedQuery("select event_id from log_entry where event_id = any($1)")
                .execute(Tuple.of(ids))
                .map(rows -> {
                    Set<UUID> found = new HashSet<>();
                    for (Row row : rows) {
                        found.add(row.getUUID(0));
                    }
                    return found;
                });
    }

    /**
     * Inserts the entries at indices {@code firstIndex, firstIndex + 1, ...} and the tree nodes their appends emitted,
     * in one statement (one round trip): the node insert is a data-modifying CTE of the entry insert.
     */
    public Uni<Void> insertEntries(SqlConnection connection, long firstIndex, List<PreparedEntry> entries, NodeBatch nodes) {
        int n = entries.size();
        Long[] idx = new Long[n];
        UUID[] eventIds = new UUID[n];
        String[] texts = new String[n];
        Buffer[] leafHashes = new Buffer[n];
        OffsetDateTime[] occurred = new OffsetDateTime[n];
        String[] sources = new String[n];
        String[] actions = new String[n];
        String[] outcomes = new String[n];
        String[] actors = new String[n];
        String[] actorDepartments = new String[n];
        String[] owners = new String[n];
        String[] datasets = new String[n];
        String[] agreements = new String[n];
        for (int i = 0; i < n; i++) {
            PreparedEntry e = entries.get(i);
            idx[i] = firstIndex + i;
            eventIds[i] = e.eventId();
            texts[i] = e.entry();
            leafHashes[i] = Buffer.buffer(e.leafHash());
            occurred[i] = e.occurredAt();
            sources[i] = e.source();
            actions[i] = e.action();
            outcomes[i] = e.outcome();
            actors[i] = e.actorUsername();
            actorDepartments[i] = e.actorDepartment();
            owners[i] = e.ownerDepartment();
            datasets[i] = e.datasetId();
            agreements[i] = e.agreementId();
        }
        return connection.preparedQuery("with nodes as (insert into merkle_node (level, idx, hash) "
                        + "select * from unnest($14::smallint[], $15::bigint[], $16::bytea[])) "
                        + "insert into log_entry (idx, event_id, entry, leaf_hash, occurred_at, source, action, outcome, "
                        + "actor_username, actor_department, owner_department, dataset_id, agreement_id) "
                        + "select * from unnest($1::bigint[], $2::uuid[], $3::text[], $4::bytea[], $5::timestamptz[], $6::text[], $7::text[], "
                        + "$8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])")
                .execute(Tuple.from(new Object[]{idx, eventIds, texts, leafHashes, occurred, sources, actions, outcomes, actors,
                        actorDepartments, owners, datasets, agreements, nodes.levels().toArray(new Short[0]),
                        nodes.indices().toArray(new Long[0]), hashes(nodes)}))
                .replaceWithVoid();
    }

    public Uni<Void> insertNodes(SqlConnection connection, NodeBatch nodes) {
        if (nodes.size() == 0) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("insert into merkle_node (level, idx, hash) select * from unnest($1::smallint[], $2::bigint[], $3::bytea[])")
                .execute(Tuple.of(nodes.levels().toArray(new Short[0]), nodes.indices().toArray(new Long[0]), hashes(nodes)))
                .replaceWithVoid();
    }

    private static Buffer[] hashes(NodeBatch nodes) {
        Buffer[] hashes = new Buffer[nodes.size()];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = Buffer.buffer(nodes.hashes().get(i));
        }
        return hashes;
    }

    public Uni<Void> updateState(SqlConnection connection, long size, byte[] rootHash) {
        return connection.preparedQuery("update log_state set size = $1, root_hash = $2")
                .execute(Tuple.of(size, Buffer.buffer(rootHash)))
                .replaceWithVoid();
    }

    /**
     * Moves the coordinator row from (startSize, startRoot) to (size, root) in one statement (migration V1_5): locks the
     * row (waiting for an earlier group of the pipeline that has updated it but not committed yet, then reading the row
     * as it left it) and fails with {@link #LOG_MOVED} if the log is not at the start, which aborts the transaction.
     */
    public Uni<Void> advanceState(SqlConnection connection, long startSize, byte[] startRoot, long size, byte[] root) {
        return connection.preparedQuery("select log_state_advance($1, $2, $3, $4)")
                .execute(Tuple.of(startSize, Buffer.buffer(startRoot), size, Buffer.buffer(root)))
                .replaceWithVoid();
    }

    /** The SQLSTATE of {@link #advanceState} when the log is no longer where the group started. */
    public static final String LOG_MOVED = "GX409";

    /** A page of entries for rebuilding the tree of a log that predates it: index and canonical text, in index order. */
    public Uni<List<Row>> entryPage(SqlConnection connection, long fromIndex, int limit) {
        return connection.preparedQuery("select idx, entry, leaf_hash from log_entry where idx >= $1 order by idx limit $2")
                .execute(Tuple.of(fromIndex, limit))
                .map(rows -> {
                    List<Row> list = new ArrayList<>();
                    rows.forEach(list::add);
                    return list;
                });
    }

    private static LogState state(Row row) {
        var root = row.getBuffer("root_hash");
        return new LogState(row.getLong("size"), root == null ? null : root.getBytes());
    }
}
