package org.govdx.tlog;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The RFC 6962 / RFC 9162 Merkle tree hash functions with SHA-256.
 *
 * <ul>
 *   <li>leaf hash = SHA-256(0x00 ‖ entry)</li>
 *   <li>node hash = SHA-256(0x01 ‖ left ‖ right)</li>
 *   <li>root of the empty tree = SHA-256("")</li>
 * </ul>
 * Thread-safe; one {@link MessageDigest} is kept per thread.
 */
public final class MerkleHashes {

    /** Size in bytes of every hash in the tree. */
    public static final int HASH_SIZE = 32;

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(MerkleHashes::newSha256);

    private static final byte[] EMPTY_ROOT = newSha256().digest();

    private MerkleHashes() {
    }

    /** SHA-256(0x00 ‖ entry): the hash of a log entry as a leaf of the tree. */
    public static byte[] leafHash(byte[] entry) {
        MessageDigest sha = SHA256.get();
        sha.update(LEAF_PREFIX);
        sha.update(entry);
        return sha.digest();
    }

    /** SHA-256(0x01 ‖ left ‖ right): the hash of an interior node. Both children must be 32-byte hashes. */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        requireHash(left, "left child");
        requireHash(right, "right child");
        MessageDigest sha = SHA256.get();
        sha.update(NODE_PREFIX);
        sha.update(left);
        sha.update(right);
        return sha.digest();
    }

    /** SHA-256 of the empty string: the root hash of the tree of size 0. */
    public static byte[] emptyRoot() {
        return EMPTY_ROOT.clone();
    }

    /** Plain SHA-256 of {@code data} (used for key hashes of signed notes). */
    public static byte[] sha256(byte[] data) {
        return SHA256.get().digest(data);
    }

    /**
     * Hash of the subtree made of consecutive full subtrees, given left to right (largest first), as the
     * right edge of a Merkle tree is formed: {@code h0 ‖ (h1 ‖ (... ‖ hk))}. One hash is returned as it is;
     * an empty list gives the empty-tree root.
     */
    public static byte[] hashOfAdjacentSubtrees(List<byte[]> leftToRight) {
        if (leftToRight.isEmpty()) {
            return emptyRoot();
        }
        int last = leftToRight.size() - 1;
        byte[] result = leftToRight.get(last);
        requireHash(result, "subtree hash");
        for (int i = last - 1; i >= 0; i--) {
            result = nodeHash(leftToRight.get(i), result);
        }
        return result;
    }

    /** Throws unless {@code hash} is a 32-byte array. */
    public static byte[] requireHash(byte[] hash, String what) {
        if (hash == null || hash.length != HASH_SIZE) {
            throw new IllegalArgumentException(what + " must be a " + HASH_SIZE + "-byte hash, got "
                    + (hash == null ? "null" : hash.length + " bytes"));
        }
        return hash;
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
