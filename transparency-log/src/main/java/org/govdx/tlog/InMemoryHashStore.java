package org.govdx.tlog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A {@link HashStore} in memory, filled as the {@link NodeSink} of a {@link CompactRange}. For tests, tools
 * and small logs; the audit service plugs in its PostgreSQL store instead. Thread-safe.
 */
public final class InMemoryHashStore implements HashStore, NodeSink {

    private final List<List<byte[]>> levels = new ArrayList<>();

    @Override
    public synchronized void node(int level, long index, byte[] hash) {
        MerkleHashes.requireHash(hash, "node hash");
        new NodeId(level, index);
        while (levels.size() <= level) {
            levels.add(new ArrayList<>());
        }
        List<byte[]> nodes = levels.get(level);
        if (index == nodes.size()) {
            nodes.add(hash.clone());
        } else if (index < nodes.size()) {
            if (!Arrays.equals(nodes.get((int) index), hash)) {
                throw new IllegalStateException("node (" + level + "," + index + ") already stored with another hash");
            }
        } else {
            throw new IllegalStateException("node (" + level + "," + index + ") out of order: level has "
                    + nodes.size() + " nodes");
        }
    }

    @Override
    public synchronized byte[] nodeHash(NodeId node) {
        if (node.level() >= levels.size()) {
            return null;
        }
        List<byte[]> nodes = levels.get(node.level());
        return node.index() < nodes.size() ? nodes.get((int) node.index()) : null;
    }

    /** Number of leaves stored. */
    public synchronized long size() {
        return levels.isEmpty() ? 0 : levels.get(0).size();
    }
}
