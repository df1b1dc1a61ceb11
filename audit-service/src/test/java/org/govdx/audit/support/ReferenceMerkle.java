package org.govdx.audit.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6962 §2.1 written out literally (MTH, PATH, PROOF), independent of the transparency-log module: the full
 * recomputation the service's answers are compared with. Slow on purpose (recursive, no stored nodes).
 */
public final class ReferenceMerkle {

    private final List<byte[]> leaves;

    private ReferenceMerkle(List<byte[]> leafHashes) {
        this.leaves = leafHashes;
    }

    /** A tree over entry texts (each leaf is the UTF-8 bytes of the text). */
    public static ReferenceMerkle ofEntries(List<String> entries) {
        List<byte[]> hashes = new ArrayList<>(entries.size());
        for (String entry : entries) {
            hashes.add(leafHash(entry));
        }
        return new ReferenceMerkle(hashes);
    }

    public static byte[] leafHash(String entry) {
        MessageDigest sha = sha256();
        sha.update((byte) 0);
        return sha.digest(entry.getBytes(StandardCharsets.UTF_8));
    }

    public int size() {
        return leaves.size();
    }

    public byte[] leaf(int index) {
        return leaves.get(index);
    }

    /** MTH(D[0:n]). */
    public byte[] root(int n) {
        return n == 0 ? sha256().digest() : mth(0, n);
    }

    /** MTH(D[start:start+n]) for the node at (level, index). */
    public byte[] node(int level, long index) {
        return mth((int) (index << level), 1 << level);
    }

    /** PATH(m, D[0:n]). */
    public List<byte[]> path(int m, int n) {
        List<byte[]> out = new ArrayList<>();
        path(m, 0, n, out);
        return out;
    }

    /** PROOF(m, D[0:n]). */
    public List<byte[]> proof(int m, int n) {
        List<byte[]> out = new ArrayList<>();
        subproof(m, 0, n, true, out);
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

    private void subproof(int m, int start, int n, boolean whole, List<byte[]> out) {
        if (m == n) {
            if (!whole) {
                out.add(mth(start, n));
            }
            return;
        }
        int k = Integer.highestOneBit(n - 1);
        if (m <= k) {
            subproof(m, start, k, whole, out);
            out.add(mth(start + k, n - k));
        } else {
            subproof(m - k, start + k, n - k, false, out);
            out.add(mth(start, k));
        }
    }

    private byte[] mth(int start, int n) {
        if (n == 1) {
            return leaves.get(start);
        }
        int k = Integer.highestOneBit(n - 1);
        MessageDigest sha = sha256();
        sha.update((byte) 1);
        sha.update(mth(start, k));
        sha.update(mth(start + k, n - k));
        return sha.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
