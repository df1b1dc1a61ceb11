package org.govdx.audit.repository;

import io.vertx.core.Context;
import io.vertx.mutiny.sqlclient.SqlClient;
import org.govdx.tlog.HashStore;
import org.govdx.tlog.NodeId;

import java.time.Duration;
import java.util.List;

/**
 * The transparency-log {@link HashStore} on PostgreSQL: every {@link #nodeHashes} call is one query (of the
 * tile levels stored in merkle_node), so a proof, a root or a hash tile costs one round trip. Blocking: for worker threads (proof
 * endpoints, verification); code on an event loop uses {@link MerkleNodeRepository#nodeHashes} instead.
 */
public final class PgHashStore implements HashStore {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final MerkleNodeRepository nodes;
    private final SqlClient client;

    PgHashStore(MerkleNodeRepository nodes, SqlClient client) {
        this.nodes = nodes;
        this.client = client;
    }

    @Override
    public byte[] nodeHash(NodeId node) {
        return nodeHashes(List.of(node)).get(0);
    }

    @Override
    public List<byte[]> nodeHashes(List<NodeId> wanted) {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("PgHashStore blocks; call it from a worker thread");
        }
        return nodes.nodeHashes(client, wanted).await().atMost(TIMEOUT);
    }
}
