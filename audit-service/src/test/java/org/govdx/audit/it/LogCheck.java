package org.govdx.audit.it;

import org.govdx.testsupport.GovdxStack;
import org.govdx.tlog.Checkpoint;
import org.govdx.tlog.CompactRange;
import org.govdx.tlog.InMemoryHashStore;
import org.govdx.tlog.MerkleHashes;
import org.govdx.tlog.NodeId;
import org.govdx.tlog.TileLevelNodes;
import org.govdx.tlog.NoteVerifier;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads a log database directly (JDBC) and checks it against a full recomputation. */
final class LogCheck {

    static final NoteVerifier KEY = NoteVerifier.parse("govdx.example/audit-log+65ce2905+AdL2qo0ey4lXECXuIctTyiSV+YUIdAX/C2VgXKLXeGqe");

    private LogCheck() {
    }

    static Connection connect(String database) throws SQLException {
        return connect(GovdxStack.DB_PORT, database);
    }

    /** A connection to {@code database} of the PostgreSQL on {@code port} (the shared one, or a test's own). */
    static Connection connect(int port, String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + GovdxStack.DB_HOST + ":" + port + "/" + database,
                GovdxStack.DB_USER, System.getenv().getOrDefault("GOVDX_DB_PASSWORD", ""));
    }

    /** Event ids in the log (of one source, or all when null). */
    static Set<UUID> eventIds(String database, String source) throws SQLException {
        return eventIds(GovdxStack.DB_PORT, database, source);
    }

    static Set<UUID> eventIds(int port, String database, String source) throws SQLException {
        Set<UUID> ids = new HashSet<>();
        try (Connection c = connect(port, database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select event_id from log_entry" + (source == null ? "" : " where source = '" + source + "'"))) {
            while (rs.next()) {
                ids.add((UUID) rs.getObject(1));
            }
        }
        return ids;
    }

    /**
     * Indices 0..n-1 with no gap and every event id once; log_state, every merkle_node and every signed checkpoint
     * equal to what the entries give when the tree is recomputed from scratch. Returns n.
     */
    static long assertLogIsWhole(String database) throws Exception {
        return assertLogIsWhole(GovdxStack.DB_PORT, database);
    }

    static long assertLogIsWhole(int port, String database) throws Exception {
        InMemoryHashStore recomputed = new InMemoryHashStore();
        CompactRange tree = new CompactRange();
        Map<Long, byte[]> rootsAt = new HashMap<>();
        // the checkpoints as they are now (the leader may sign more while this runs; those are not checked)
        Map<Long, String> checkpoints = new java.util.TreeMap<>();
        try (Connection c = connect(port, database); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select tree_size, note from checkpoint")) {
                while (rs.next()) {
                    checkpoints.put(rs.getLong(1), rs.getString(2));
                }
            }
            Set<Long> checkpointSizes = checkpoints.keySet();
            if (checkpointSizes.contains(0L)) {
                rootsAt.put(0L, MerkleHashes.emptyRoot());
            }
            c.setAutoCommit(false);
            s.setFetchSize(5000);
            try (ResultSet rs = s.executeQuery("select idx, entry, leaf_hash from log_entry order by idx")) {
                while (rs.next()) {
                    assertThat(rs.getLong(1)).as("no gap in the indices").isEqualTo(tree.size());
                    byte[] leaf = MerkleHashes.leafHash(rs.getString(2).getBytes(StandardCharsets.UTF_8));
                    assertThat(rs.getBytes(3)).as("leaf hash of %d", tree.size()).isEqualTo(leaf);
                    tree.append(leaf, recomputed);
                    if (checkpointSizes.contains(tree.size())) {
                        rootsAt.put(tree.size(), tree.rootHash());
                    }
                }
            }
            c.commit();
            long n = tree.size();
            try (ResultSet rs = s.executeQuery("select count(*), count(distinct event_id) from log_entry")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(n);
                assertThat(rs.getLong(2)).as("no event twice").isEqualTo(n);
            }
            try (ResultSet rs = s.executeQuery("select size, root_hash from log_state")) {
                rs.next();
                assertThat(rs.getLong(1)).as("log_state size").isEqualTo(n);
                assertThat(rs.getBytes(2)).as("stored root = recomputed root").isEqualTo(tree.rootHash());
            }
            long nodes = 0;
            try (ResultSet rs = s.executeQuery("select level, idx, hash from merkle_node")) {
                while (rs.next()) {
                    nodes++;
                    NodeId node = new NodeId(rs.getInt(1), rs.getLong(2));
                    assertThat(rs.getBytes(3)).as("node %s", node).isEqualTo(recomputed.nodeHash(node));
                }
            }
            assertThat(nodes).as("every leaf and every full subtree of levels 8, 16, ... stored once").isEqualTo(TileLevelNodes.storedNodes(n));
            for (Map.Entry<Long, String> stored : checkpoints.entrySet()) {
                Checkpoint checkpoint = Checkpoint.open(stored.getValue(), "govdx.example/audit-log", List.of(KEY));
                assertThat(checkpoint.size()).isEqualTo(stored.getKey()).isLessThanOrEqualTo(n);
                assertThat(checkpoint.rootHash()).as("signed root of size %d", checkpoint.size()).isEqualTo(rootsAt.get(checkpoint.size()));
            }
            return n;
        }
    }
}
