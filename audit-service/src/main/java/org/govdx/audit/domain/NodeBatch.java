package org.govdx.audit.domain;

import org.govdx.tlog.NodeSink;

import java.util.ArrayList;
import java.util.List;

/** The Merkle nodes one append emitted (a {@link NodeSink}), to be inserted in the same transaction as the entries. */
public final class NodeBatch implements NodeSink {

    private final List<Short> levels = new ArrayList<>();
    private final List<Long> indices = new ArrayList<>();
    private final List<byte[]> hashes = new ArrayList<>();

    @Override
    public void node(int level, long index, byte[] hash) {
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
