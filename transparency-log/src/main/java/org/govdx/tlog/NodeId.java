package org.govdx.tlog;

import java.util.ArrayList;
import java.util.List;

/**
 * Position of a full subtree in the Merkle tree: {@code level} 0 is the leaves, and the node at
 * {@code (level, index)} covers the leaves {@code [index·2^level, (index+1)·2^level)}.
 * Full subtrees never change once the log has grown past them, so they are what a {@link HashStore} keeps.
 */
public record NodeId(int level, long index) {

    /** Highest level a node of a tree with at most 2^63-1 leaves can have. */
    public static final int MAX_LEVEL = 62;

    public NodeId {
        if (level < 0 || level > MAX_LEVEL) {
            throw new IllegalArgumentException("level out of range: " + level);
        }
        if (index < 0 || index > (Long.MAX_VALUE >> level) - 1) {
            throw new IllegalArgumentException("index out of range at level " + level + ": " + index);
        }
    }

    /** Index of the first leaf under this node. */
    public long firstLeaf() {
        return index << level;
    }

    /** Index one past the last leaf under this node. */
    public long endLeaf() {
        return (index + 1) << level;
    }

    /**
     * The canonical decomposition of the leaf range {@code [begin, end)} into the fewest full subtrees,
     * left to right (the "compact range" of the range). For {@code [0, size)} these are the peaks of the tree
     * of that size, largest first; for the right part {@code [k, n)} of a subtree they are the full subtrees
     * whose hashes fold (with {@link MerkleHashes#hashOfAdjacentSubtrees}) into the hash of that part.
     * At most 2·63 nodes.
     */
    public static List<NodeId> fullSubtrees(long begin, long end) {
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("invalid leaf range [" + begin + ", " + end + ")");
        }
        List<NodeId> nodes = new ArrayList<>();
        long position = begin;
        while (position < end) {
            int alignment = position == 0 ? MAX_LEVEL : Long.numberOfTrailingZeros(position);
            int fits = 63 - Long.numberOfLeadingZeros(end - position);
            int level = Math.min(alignment, fits);
            nodes.add(new NodeId(level, position >> level));
            position += 1L << level;
        }
        return nodes;
    }

    @Override
    public String toString() {
        return "(" + level + "," + index + ")";
    }
}
