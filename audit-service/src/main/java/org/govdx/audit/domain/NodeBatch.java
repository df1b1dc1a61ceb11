package org.govdx.audit.domain;

import org.govdx.tlog.NodeSink;
import org.govdx.tlog.TileLevelNodes;

import java.util.ArrayList;
import java.util.List;

/**
 * The Merkle nodes one append emitted (a {@link NodeSink}) that merkle_node stores, to be inserted in the same
 * transaction as the entries: those of the stored tile levels 0, 8, 16, ... (decision 0021); the nodes of other levels
 * are never stored.
 */
public final class NodeBatch implements NodeSink {

    private final List<Short> levels = new ArrayList<>();
    private final List<Long> indices = new ArrayList<>();
    private final List<byte[]> hashes = new ArrayList<>();

    @Override
    public void node(int level, long index, byte[] hash) {
        if (!TileLevelNodes.stored(level)) {
            return;
        }
        levels.add((short) level);
        indices.add(index);
        hashes.add(hash);
    }

    public int size() {
        return levels.size();
    }

    public List<Short> levels() {
        return levels;
    }

    public List<Long> indices() {
        return indices;
    }

    public List<byte[]> hashes() {
        return hashes;
    }
}
