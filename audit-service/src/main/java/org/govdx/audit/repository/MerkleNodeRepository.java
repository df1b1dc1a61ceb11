package org.govdx.audit.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.govdx.tlog.NodeId;
import org.govdx.tlog.TileId;
import org.govdx.tlog.TileLevelNodes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the Merkle tree from merkle_node, stored at the tile levels 0, 8, 16, ... (decision 0021); any other full
 * subtree is hashed up from the stored nodes beneath it ({@link TileLevelNodes}).
 *
 * <p>Nodes of level 8 and above are kept in memory once read (up to {@code govdx.audit.node-cache.max-nodes}; about
 * 130 bytes each): a full subtree's hash never changes once committed, and those levels are few (n/128 nodes), so an
 * inclusion proof reads from the database only the 255 leaf hashes of its own tile.
 */
@ApplicationScoped
public class MerkleNodeRepository {

    /** Ranges are read in pieces of at most this many nodes (one tile): the LIMIT that keeps the plan's estimate honest. */
    static final int PIECE = TileId.WIDTH;

    /**
     * The stored nodes of ranges {@code (l, f, t)} of at most {@value #PIECE} nodes, in one statement, each range one
     * index-only range scan of merkle_node's primary key. The LIMIT matters: without it the planner takes each range for
     * a third of the table, and the cost it then estimates switches on JIT compilation (about a second per execution).
     */
    private static final String STORED_RANGES = "select r.l, m.idx, m.hash from unnest($1::smallint[], $2::bigint[], $3::bigint[]) as r(l, f, t) "
            + "cross join lateral (select idx, hash from merkle_node where level = r.l and idx >= r.f and idx < r.t order by idx limit "
            + PIECE + ") m";

    /** The lowest level kept in memory: the first stored level above the leaves. */
    static final int CACHED_FROM_LEVEL = TileLevelNodes.STRIDE;

    @Inject
    Pool pool;

    @ConfigProperty(name = "govdx.audit.node-cache.max-nodes", defaultValue = "200000")
    int maxCachedNodes;

    private final Map<NodeId, byte[]> cache = new ConcurrentHashMap<>();

    /** A {@link org.govdx.tlog.HashStore} over this table on the shared pool (blocking; worker threads only). */
    public PgHashStore hashStore() {
        return new PgHashStore(this, pool);
    }

    /**
     * The hashes of {@code nodes}, in order, {@code null} for a node not in the tree yet: one query, whatever the
     * number of nodes.
     */
    public Uni<List<byte[]>> nodeHashes(SqlClient client, List<NodeId> nodes) {
        if (nodes.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        byte[][] hashes = new byte[nodes.size()][];
        List<NodeId> missing = new ArrayList<>();
        for (int i = 0; i < hashes.length; i++) {
            NodeId node = nodes.get(i);
            hashes[i] = node.level() >= CACHED_FROM_LEVEL ? cache.get(node) : null;
            if (hashes[i] == null) {
                missing.add(node);
            }
        }
        if (missing.isEmpty()) {
            return Uni.createFrom().item(Arrays.asList(hashes));
        }
        return storedNodes(client, TileLevelNodes.storedRanges(missing)).map(stored -> {
            List<byte[]> computed = TileLevelNodes.compute(missing, stored);
            for (int i = 0, m = 0; i < hashes.length; i++) {
                if (hashes[i] == null) {
                    hashes[i] = computed.get(m++);
                    remember(nodes.get(i), hashes[i]);
                }
            }
            return Arrays.asList(hashes);
        });
    }

    /** Keeps a full subtree's committed hash (levels 8 and above); forgets them all when the cache is full. */
    private void remember(NodeId node, byte[] hash) {
        if (hash == null || node.level() < CACHED_FROM_LEVEL) {
            return;
        }
        if (cache.size() >= maxCachedNodes) {
            cache.clear();
        }
        cache.put(node, hash);
    }

    public Uni<List<byte[]>> nodeHashes(List<NodeId> nodes) {
        return nodeHashes(pool, nodes);
    }

    /** The hashes at stored level {@code level} (0, 8, 16, ...) for indices {@code [from, to)}, in index order (hash tiles). */
    public Uni<List<byte[]>> levelRange(int level, long from, long to) {
        return storedNodes(pool, List.of(new TileLevelNodes.Range(level, from, to))).map(stored -> {
            List<byte[]> hashes = new ArrayList<>();
            for (long i = from; i < to; i++) {
                byte[] hash = stored.get(new NodeId(level, i));
                if (hash == null) {
                    break;
                }
                hashes.add(hash);
            }
            return hashes;
        });
    }

    private Uni<Map<NodeId, byte[]>> storedNodes(SqlClient client, List<TileLevelNodes.Range> ranges) {
        List<Short> levels = new ArrayList<>();
        List<Long> from = new ArrayList<>();
        List<Long> to = new ArrayList<>();
        for (TileLevelNodes.Range r : ranges) {
            for (long f = r.from(); f < r.to(); f += PIECE) {
                levels.add((short) r.level());
                from.add(f);
                to.add(Math.min(r.to(), f + PIECE));
            }
        }
        return client.preparedQuery(STORED_RANGES)
                .execute(Tuple.of(levels.toArray(new Short[0]), from.toArray(new Long[0]), to.toArray(new Long[0])))
                .map(rows -> {
                    Map<NodeId, byte[]> stored = new HashMap<>(rows.size() * 2);
                    for (Row row : rows) {
                        stored.put(new NodeId(row.getShort(0), row.getLong(1)), row.getBuffer(2).getBytes());
                    }
                    return stored;
                });
    }
}
