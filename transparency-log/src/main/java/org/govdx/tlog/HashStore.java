package org.govdx.tlog;

import java.util.ArrayList;
import java.util.List;

/**
 * Read access to the stored hashes of a log's full subtrees: the storage seam between the Merkle tree
 * code and wherever the audit service keeps its tree (PostgreSQL there, {@link InMemoryHashStore} in tests).
 *
 * <p>A node {@code (level, index)} is the full subtree over the leaves {@code [index·2^level, (index+1)·2^level)};
 * level 0 holds the leaf hashes. The store holds what {@link CompactRange#append} emitted to a {@link NodeSink}:
 * every full subtree of the largest tree appended so far. A node's hash never changes once written.
 * Hashes of the ephemeral nodes on a tree's right edge are not stored: {@link ProofGenerator} recomputes them
 * from stored full subtrees.
 *
 * <p>Implementations must be safe for the concurrency their callers use; a proof needs O(log n) nodes,
 * all requested in one {@link #nodeHashes} call, so one round trip (e.g. one SQL query
 * {@code WHERE (level, idx) IN (...)}) serves one proof.
 */
public interface HashStore {

    /**
     * The hash of the full subtree at {@code node}, or {@code null} if the store does not have it
     * (the log has not grown that far). The returned array must not be modified by the caller.
     */
    byte[] nodeHash(NodeId node);

    /**
     * The hashes of the given nodes, in the same order, with {@code null} for a node the store does not have.
     * Override to fetch them in one round trip; the default asks {@link #nodeHash} for each.
     */
    default List<byte[]> nodeHashes(List<NodeId> nodes) {
        List<byte[]> hashes = new ArrayList<>(nodes.size());
        for (NodeId node : nodes) {
            hashes.add(nodeHash(node));
        }
        return hashes;
    }

    /** Leaf hashes {@code [begin, end)} (level-0 nodes), with {@code null} for leaves the store does not have. */
    default List<byte[]> leafHashes(long begin, long end) {
        if (begin < 0 || end < begin || end - begin > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("invalid leaf range [" + begin + ", " + end + ")");
        }
        List<NodeId> nodes = new ArrayList<>((int) (end - begin));
        for (long i = begin; i < end; i++) {
            nodes.add(new NodeId(0, i));
        }
        return nodeHashes(nodes);
    }
}
