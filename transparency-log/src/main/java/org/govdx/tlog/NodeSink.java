package org.govdx.tlog;

/**
 * Receives each full-subtree hash the moment {@link CompactRange#append} completes it: first the leaf
 * (level 0) and then every subtree the new leaf closes. Nodes arrive in increasing index order per level,
 * and each node exactly once. Persisting them (e.g. rows {@code (level, idx, hash)}) is what lets a
 * {@link HashStore} serve proofs with O(log n) reads.
 */
@FunctionalInterface
public interface NodeSink {

    /** A sink that keeps nothing, for computing roots only. */
    NodeSink DISCARD = (level, index, hash) -> { };

    /** The full subtree at {@code (level, index)} has hash {@code hash} (32 bytes; do not modify it). */
    void node(int level, long index, byte[] hash);
}
