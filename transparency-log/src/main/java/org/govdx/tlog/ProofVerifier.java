package org.govdx.tlog;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies RFC 9162 inclusion proofs (§2.1.3.2) and consistency proofs (§2.1.4.2), following the RFC's
 * algorithms step by step and rejecting every malformed input: out-of-range index or sizes, hashes that are
 * not 32 bytes, null elements, proofs that are too short or too long, and of course wrong hashes.
 *
 * <p>The {@code check...} methods throw a {@link VerificationException} saying what is wrong; the
 * {@code verify...} methods answer true or false.
 */
public final class ProofVerifier {

    private ProofVerifier() {
    }

    /** Whether {@code proof} proves that {@code leafHash} is leaf {@code leafIndex} of the tree of size {@code treeSize} with root {@code rootHash}. */
    public static boolean verifyInclusion(long leafIndex, long treeSize, byte[] leafHash, List<byte[]> proof, byte[] rootHash) {
        try {
            checkInclusion(leafIndex, treeSize, leafHash, proof, rootHash);
            return true;
        } catch (VerificationException e) {
            return false;
        }
    }

    /** Whether {@code proof} proves that the tree of size {@code size1} with root {@code root1} is a prefix of the tree of size {@code size2} with root {@code root2}. */
    public static boolean verifyConsistency(long size1, long size2, List<byte[]> proof, byte[] root1, byte[] root2) {
        try {
            checkConsistency(size1, size2, proof, root1, root2);
            return true;
        } catch (VerificationException e) {
            return false;
        }
    }

    /** RFC 9162 §2.1.3.2; throws unless the inclusion proof is valid. */
    public static void checkInclusion(long leafIndex, long treeSize, byte[] leafHash, List<byte[]> proof, byte[] rootHash)
            throws VerificationException {
        if (leafIndex < 0 || leafIndex >= treeSize) {
            throw new VerificationException("leaf index " + leafIndex + " is not in a tree of size " + treeSize);
        }
        requireHash(leafHash, "leaf hash");
        requireHash(rootHash, "root hash");
        requireHashes(proof, "inclusion proof");

        long fn = leafIndex;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                throw new VerificationException("inclusion proof is too long: " + proof.size() + " hashes");
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = MerkleHashes.nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>>= 1;
                        sn >>>= 1;
                    }
                }
            } else {
                r = MerkleHashes.nodeHash(r, p);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        if (sn != 0) {
            throw new VerificationException("inclusion proof is too short: " + proof.size() + " hashes");
        }
        if (!MessageDigest.isEqual(r, rootHash)) {
            throw new VerificationException("inclusion proof does not lead to the root hash");
        }
    }

    /**
     * RFC 9162 §2.1.4.2; throws unless the consistency proof is valid. Equal sizes need an empty proof and
     * equal roots (for size 0, both must be the empty-tree root). A proof from size 0 to a larger size is
     * refused as meaningless, as in transparency-dev/merkle: a verifier holding the empty tree has nothing
     * to check.
     */
    public static void checkConsistency(long size1, long size2, List<byte[]> proof, byte[] root1, byte[] root2)
            throws VerificationException {
        if (size1 < 0 || size2 < size1) {
            throw new VerificationException("size1 " + size1 + " and size2 " + size2 + " do not satisfy 0 <= size1 <= size2");
        }
        if (proof == null) {
            throw new VerificationException("consistency proof is missing");
        }
        if (root1 == null || root2 == null) {
            throw new VerificationException("root hash is missing");
        }
        if (size1 == size2) {
            if (!proof.isEmpty()) {
                throw new VerificationException("sizes are equal but the consistency proof is not empty");
            }
            if (size1 == 0 && !MessageDigest.isEqual(root1, MerkleHashes.emptyRoot())) {
                throw new VerificationException("root of the empty tree must be SHA-256(\"\")");
            }
            if (!MessageDigest.isEqual(root1, root2)) {
                throw new VerificationException("sizes are equal but the roots differ");
            }
            return;
        }
        if (size1 == 0) {
            throw new VerificationException("a consistency proof from the empty tree is meaningless");
        }
        requireHash(root1, "root1");
        requireHash(root2, "root2");
        requireHashes(proof, "consistency proof");
        // Step 1.
        if (proof.isEmpty()) {
            throw new VerificationException("consistency proof is empty");
        }
        // Step 2.
        List<byte[]> path = proof;
        if (Long.bitCount(size1) == 1) {
            path = new ArrayList<>(proof.size() + 1);
            path.add(root1);
            path.addAll(proof);
        }
        // Steps 3 and 4.
        long fn = size1 - 1;
        long sn = size2 - 1;
        while ((fn & 1) == 1) {
            fn >>>= 1;
            sn >>>= 1;
        }
        // Step 5.
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        // Step 6.
        for (int i = 1; i < path.size(); i++) {
            byte[] c = path.get(i);
            if (sn == 0) {
                throw new VerificationException("consistency proof is too long: " + proof.size() + " hashes");
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = MerkleHashes.nodeHash(c, fr);
                sr = MerkleHashes.nodeHash(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>>= 1;
                        sn >>>= 1;
                    }
                }
            } else {
                sr = MerkleHashes.nodeHash(sr, c);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        // Step 7.
        if (sn != 0) {
            throw new VerificationException("consistency proof is too short: " + proof.size() + " hashes");
        }
        if (!MessageDigest.isEqual(fr, root1)) {
            throw new VerificationException("consistency proof does not lead to the old root hash");
        }
        if (!MessageDigest.isEqual(sr, root2)) {
            throw new VerificationException("consistency proof does not lead to the new root hash");
        }
    }

    private static void requireHash(byte[] hash, String what) throws VerificationException {
        if (hash == null || hash.length != MerkleHashes.HASH_SIZE) {
            throw new VerificationException(what + " must be " + MerkleHashes.HASH_SIZE + " bytes, got "
                    + (hash == null ? "none" : hash.length));
        }
    }

    private static void requireHashes(List<byte[]> proof, String what) throws VerificationException {
        if (proof == null) {
            throw new VerificationException(what + " is missing");
        }
        for (int i = 0; i < proof.size(); i++) {
            requireHash(proof.get(i), what + " hash #" + i);
        }
    }
}
