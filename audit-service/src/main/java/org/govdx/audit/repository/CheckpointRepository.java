package org.govdx.audit.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.govdx.audit.domain.StoredCheckpoint;

import java.util.ArrayList;
import java.util.List;

/** The signed checkpoints (table checkpoint), one per tree size. */
@ApplicationScoped
public class CheckpointRepository {

    private static final String COLUMNS = "tree_size, root_hash, note, created_at";

    @Inject
    Pool pool;

    public Uni<StoredCheckpoint> latest() {
        return pool.query("select " + COLUMNS + " from checkpoint order by tree_size desc limit 1").execute().map(CheckpointRepository::first);
    }

    public Uni<StoredCheckpoint> bySize(long treeSize) {
        return pool.preparedQuery("select " + COLUMNS + " from checkpoint where tree_size = $1").execute(Tuple.of(treeSize))
                .map(CheckpointRepository::first);
    }

    /** Stores a signed checkpoint unless one of that size exists; returns the one stored for that size. */
    public Uni<StoredCheckpoint> insert(long treeSize, byte[] rootHash, String note) {
        return pool.preparedQuery("insert into checkpoint (tree_size, root_hash, note) values ($1, $2, $3) on conflict (tree_size) do nothing")
                .execute(Tuple.of(treeSize, Buffer.buffer(rootHash), note))
                .flatMap(ignored -> bySize(treeSize));
    }

    /** Checkpoints with a size above {@code afterSize}, smallest first. */
    public Uni<List<StoredCheckpoint>> list(long afterSize, int limit) {
        return pool.preparedQuery("select " + COLUMNS + " from checkpoint where tree_size > $1 order by tree_size limit $2")
                .execute(Tuple.of(afterSize, limit))
                .map(rows -> {
                    List<StoredCheckpoint> list = new ArrayList<>();
                    rows.forEach(row -> list.add(map(row)));
                    return list;
                });
    }

    private static StoredCheckpoint first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? map(it.next()) : null;
    }

    private static StoredCheckpoint map(Row row) {
        return new StoredCheckpoint(row.getLong("tree_size"), row.getBuffer("root_hash").getBytes(), row.getString("note"),
                row.getOffsetDateTime("created_at"));
    }
}
