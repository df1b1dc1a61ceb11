package org.govdx.tlog;

import java.util.ArrayList;
import java.util.List;

/**
 * A deliberately naive Merkle tree straight from the recursive definitions of RFC 6962 §2.1 (MTH, PATH,
 * PROOF), over all leaf hashes in memory, to cross-check the real implementation. Subtree hashes are
 * memoised so that exhaustive tests stay fast.
 */
public final class ReferenceTree {

    private final List<byte[]> leafHashes;
    private final java.util.Map<Long, byte[]> subtreeHashes = new java.util.HashMap<>();

    public ReferenceTree(List<byte[]> leafHashes) {
        this.leafHashes = List.copyOf(leafHashes);
    }

    /** A tree whose leaf i is the 8-byte big-endian encoding of i (distinct leaves). */
    public static ReferenceTree ofCounter(int size) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            leaves.add(MerkleHashes.leafHash(counterEntry(i)));
        }
        return new ReferenceTree(leaves);
    }

    public static byte[] counterEntry(long i) {
        return java.nio.ByteBuffer.allocate(8).putLong(i).array();
    }

    public List<byte[]> leafHashes() {
        return leafHashes;
    }

    /** MTH(D[0:n]). */
    public byte[] root(int n) {
        return n == 0 ? MerkleHashes.emptyRoot() : mth(0, n);
    }

    private byte[] mth(int start, int n) {
        if (n == 1) {
            return leafHashes.get(start);
        }
        long key = ((long) start << 32) | n;
        byte[] known = subtreeHashes.get(key);
        if (known == null) {
            int k = Integer.highestOneBit(n - 1);
            known = MerkleHashes.nodeHash(mth(start, k), mth(start + k, n - k));
            subtreeHashes.put(key, known);
        }
        return known;
    }

    /** PATH(m, D[0:n]). */
    public List<byte[]> inclusionProof(int m, int n) {
        List<byte[]> out = new ArrayList<>();
        path(m, 0, n, out);
        return out;
    }

    private void path(int m, int start, int n, List<byte[]> out) {
        if (n == 1) {
            return;
        }
        int k = Integer.highestOneBit(n - 1);
        if (m < k) {
            path(m, start, k, out);
            out.add(mth(start + k, n - k));
        } else {
            path(m - k, start + k, n - k, out);
            out.add(mth(start, k));
        }
    }

    /** PROOF(m, D[0:n]). */
    public List<byte[]> consistencyProof(int m, int n) {
        List<byte[]> out = new ArrayList<>();
        subproof(m, 0, n, true, out);
        return out;
    }

    private void subproof(int m, int start, int n, boolean b, List<byte[]> out) {
        if (m == n) {
            if (!b) {
                out.add(mth(start, n));
            }
            return;
        }
        int k = Integer.highestOneBit(n - 1);
        if (m <= k) {
            subproof(m, start, k, b, out);
            out.add(mth(start + k, n - k));
        } else {
            subproof(m - k, start + k, n - k, false, out);
            out.add(mth(start, k));
        }
    }
}
