package org.govdx.tlog;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The incremental Merkle tree builder: the compact range {@code [0, size)} of a log, i.e. the hashes of its
 * peaks (the largest full subtrees, one per set bit of {@code size}, largest first). Appending a leaf costs
 * amortised two hashes and O(log n) memory overall; the root of the current size is available at any time.
 *
 * <p>Every full subtree that an append completes is handed to a {@link NodeSink}, so a {@link HashStore}
 * can persist it. After a restart, {@link #resume} rebuilds the range from the store with O(log n) reads.
 *
 * <p>Not thread-safe: one writer appends.
 */
public final class CompactRange {

    private static final int MAX_PEAKS = 63;

    private final byte[][] peaks = new byte[MAX_PEAKS][];
    private int peakCount;
    private long size;

    /** An empty tree. */
    public CompactRange() {
    }

    /**
     * The range of the tree of {@code size} leaves whose full subtrees are in {@code store}
     * (reads the ≤ 63 peak nodes in one {@link HashStore#nodeHashes} call).
     *
     * @throws IllegalStateException if the store lacks one of them
     */
    public static CompactRange resume(HashStore store, long size) {
        List<NodeId> peakNodes = NodeId.fullSubtrees(0, size);
        List<byte[]> hashes = store.nodeHashes(peakNodes);
        return fromPeaks(size, ProofGenerator.requireStored(peakNodes, hashes));
    }

    /**
     * The range of a tree of {@code size} leaves with the given peak hashes, largest subtree first
     * (as returned by {@link #peakHashes()}).
     */
    public static CompactRange fromPeaks(long size, List<byte[]> peakHashes) {
        if (size < 0) {
            throw new IllegalArgumentException("negative tree size " + size);
        }
        if (peakHashes.size() != Long.bitCount(size)) {
            throw new IllegalArgumentException("a tree of size " + size + " has " + Long.bitCount(size)
                    + " peaks, got " + peakHashes.size());
        }
        CompactRange range = new CompactRange();
        for (byte[] hash : peakHashes) {
            range.peaks[range.peakCount++] = MerkleHashes.requireHash(hash, "peak hash").clone();
        }
        range.size = size;
        return range;
    }

    /** Number of leaves appended. */
    public long size() {
        return size;
    }

    /** Appends a leaf hash without keeping the completed subtrees. */
    public void append(byte[] leafHash) {
        append(leafHash, NodeSink.DISCARD);
    }

    /**
     * Appends the leaf with hash {@code leafHash} (see {@link MerkleHashes#leafHash}) at index {@link #size()}
     * and hands {@code sink} the leaf node and every full subtree it completes, lowest level first.
     */
    public void append(byte[] leafHash, NodeSink sink) {
        MerkleHashes.requireHash(leafHash, "leaf hash");
        if (size == Long.MAX_VALUE) {
            throw new IllegalStateException("tree is full");
        }
        byte[] hash = leafHash.clone();
        int level = 0;
        long index = size;
        sink.node(level, index, hash);
        // Each trailing 1-bit of the old size is a peak that the new leaf's subtree now completes.
        for (long bits = size; (bits & 1) == 1; bits >>>= 1) {
            hash = MerkleHashes.nodeHash(peaks[--peakCount], hash);
            peaks[peakCount] = null;
            level++;
            index >>>= 1;
            sink.node(level, index, hash);
        }
        peaks[peakCount++] = hash;
        size++;
    }

    /** The Merkle tree hash (RFC 9162 MTH) of the leaves appended so far. */
    public byte[] rootHash() {
        return MerkleHashes.hashOfAdjacentSubtrees(peakHashes());
    }

    /** Hashes of the peaks, largest (leftmost) subtree first; their nodes are {@code NodeId.fullSubtrees(0, size())}. */
    public List<byte[]> peakHashes() {
        List<byte[]> hashes = new ArrayList<>(peakCount);
        for (int i = 0; i < peakCount; i++) {
            hashes.add(peaks[i].clone());
        }
        return hashes;
    }

    /** An independent copy, e.g. to compute roots of several sizes without disturbing this range. */
    public CompactRange copy() {
        CompactRange copy = new CompactRange();
        copy.peakCount = peakCount;
        copy.size = size;
        for (int i = 0; i < peakCount; i++) {
            copy.peaks[i] = peaks[i];
        }
        return copy;
    }

    @Override
    public String toString() {
        return "CompactRange[size=" + size + ", root=" + HexFormat.of().formatHex(rootHash()) + "]";
    }
}
