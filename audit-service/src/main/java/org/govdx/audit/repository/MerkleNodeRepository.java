package org.govdx.audit.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.govdx.tlog.NodeId;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads the stored full-subtree hashes of the Merkle tree (table merkle_node). */
@ApplicationScoped
public class MerkleNodeRepository {

    @Inject
    Pool pool;

    /** A {@link org.govdx.tlog.HashStore} over this table on the shared pool (blocking; worker threads only). */
    public PgHashStore hashStore() {
        return new PgHashStore(this, pool);
    }

    /**
     * The hashes of {@code nodes}, in order, {@code null} for a node not stored: one query, whatever the number of nodes.
     */
    public Uni<List<byte[]>> nodeHashes(SqlClient client, List<NodeId> nodes) {
        if (nodes.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Short[] levels = new Short[nodes.size()];
        Long[] indices = new Long[nodes.size()];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = (short) nodes.get(i).level();
            indices[i] = nodes.get(i).index();
        }
        return client.preparedQuery("select q.ord, m.hash from unnest($1::smallint[], $2::bigint[]) with ordinality as q(level, idx, ord) "
                        + "join merkle_node m on m.level = q.level and m.idx = q.idx")
                .execute(Tuple.of(levels, indices))
                .map(rows -> {
                    byte[][] hashes = new byte[levels.length][];
                    for (Row row : rows) {
                        hashes[(int) (row.getLong(0) - 1)] = row.getBuffer(1).getBytes();
                    }
                    return Arrays.asList(hashes);
                });
    }

    public Uni<List<byte[]>> nodeHashes(List<NodeId> nodes) {
        return nodeHashes(pool, nodes);
    }

    /** The hashes at {@code level} for indices {@code [from, to)}, in index order (for hash tiles). */
    public Uni<List<byte[]>> levelRange(int level, long from, long to) {
        return pool.preparedQuery("select hash from merkle_node where level = $1 and idx >= $2 and idx < $3 order by idx")
                .execute(Tuple.of((short) level, from, to))
                .map(rows -> {
                    List<byte[]> hashes = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        hashes.add(row.getBuffer(0).getBytes());
                    }
                    return hashes;
                });
    }
}
