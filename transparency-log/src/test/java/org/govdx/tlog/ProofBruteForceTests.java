package org.govdx.tlog;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Exhaustive checks over every tree size 1..300: every inclusion proof of every leaf and every consistency
 * proof between every pair of sizes, served from a {@link HashStore}, verifies against the root recomputed
 * from the recursive definition, and every tampering is caught: a flipped bit in any proof hash, a wrong
 * index or size, a proof hash added, removed or swapped, a wrong leaf or root. Every bit of every hash is
 * flipped for sizes up to {@value #EVERY_BIT_UP_TO}; above that, one bit of each hash, at a position that
 * varies from proof to proof (a changed hash changes the whole chain, so which bit matters little).
 */
class ProofBruteForceTests {

    static final int MAX_SIZE = 300;
    static final int EVERY_BIT_UP_TO = 16;

    static ReferenceTree reference;
    static byte[][] roots;
    static ProofGenerator proofs;

    @BeforeAll
    static void buildTree() {
        reference = ReferenceTree.ofCounter(MAX_SIZE);
        InMemoryHashStore store = new InMemoryHashStore();
        CompactRange range = new CompactRange();
        roots = new byte[MAX_SIZE + 1][];
        roots[0] = reference.root(0);
        for (int size = 1; size <= MAX_SIZE; size++) {
            range.append(reference.leafHashes().get(size - 1), store);
            roots[size] = reference.root(size);
            assertThat(range.rootHash()).isEqualTo(roots[size]);
        }
        proofs = new ProofGenerator(store);
    }

    @Test
    void everyInclusionProofVerifiesAndEveryTamperingFails() {
        long verifications = 0;
        for (int size = 1; size <= MAX_SIZE; size++) {
            byte[] root = roots[size];
            assertThat(proofs.rootHash(size)).isEqualTo(root);
            for (int index = 0; index < size; index++) {
                byte[] leaf = reference.leafHashes().get(index);
                List<byte[]> proof = proofs.inclusionProof(index, size);
                String what = "leaf " + index + " of " + size;
                if (!sameHashes(proof, reference.inclusionProof(index, size))) {
                    assertThat(proof).as(what).containsExactlyElementsOf(reference.inclusionProof(index, size));
                }
                assertThat(ProofVerifier.verifyInclusion(index, size, leaf, proof, root)).as(what).isTrue();

                for (List<byte[]> tampered : bitFlips(proof, size <= EVERY_BIT_UP_TO, size * 1000 + index)) {
                    if (ProofVerifier.verifyInclusion(index, size, leaf, tampered, root)) {
                        fail(what + ": proof with a flipped bit verified");
                    }
                    verifications++;
                }
                for (List<byte[]> tampered : reshaped(proof, leaf)) {
                    assertThat(ProofVerifier.verifyInclusion(index, size, leaf, tampered, root)).as(what + " reshaped").isFalse();
                }
                // Wrong index, same tree.
                for (int other : new int[] {index - 1, index + 1, index ^ 1, index ^ 2, size}) {
                    if (other != index) {
                        assertThat(ProofVerifier.verifyInclusion(other, size, leaf, proof, root)).as(what + " as index " + other).isFalse();
                    }
                }
                // Wrong tree size, with that size's real root.
                for (int otherSize : new int[] {size - 1, size + 1, 2 * size}) {
                    if (otherSize >= 1 && otherSize <= MAX_SIZE && otherSize != size) {
                        assertThat(ProofVerifier.verifyInclusion(index, otherSize, leaf, proof, roots[otherSize]))
                                .as(what + " in size " + otherSize).isFalse();
                    }
                }
                // Wrong leaf, wrong root.
                byte[] otherLeaf = reference.leafHashes().get((index + 1) % MAX_SIZE);
                assertThat(ProofVerifier.verifyInclusion(index, size, otherLeaf, proof, root)).isFalse();
                assertThat(ProofVerifier.verifyInclusion(index, size, leaf, proof, roots[size - 1])).isFalse();
                assertThat(ProofVerifier.verifyInclusion(index, size, leaf, proof, flip(root, 7))).isFalse();
                assertThat(ProofVerifier.verifyInclusion(index, size, flip(leaf, 200), proof, root)).isFalse();
            }
        }
        assertThat(verifications).isGreaterThan(100_000);
    }

    @Test
    void everyConsistencyProofVerifiesAndEveryTamperingFails() {
        long verifications = 0;
        for (int size2 = 1; size2 <= MAX_SIZE; size2++) {
            for (int size1 = 1; size1 <= size2; size1++) {
                byte[] root1 = roots[size1];
                byte[] root2 = roots[size2];
                List<byte[]> proof = proofs.consistencyProof(size1, size2);
                String what = "consistency " + size1 + " -> " + size2;
                if (!sameHashes(proof, reference.consistencyProof(size1, size2))) {
                    assertThat(proof).as(what).containsExactlyElementsOf(reference.consistencyProof(size1, size2));
                }
                assertThat(ProofVerifier.verifyConsistency(size1, size2, proof, root1, root2)).as(what).isTrue();

                for (List<byte[]> tampered : bitFlips(proof, size2 <= EVERY_BIT_UP_TO, size2 * 1000 + size1)) {
                    if (ProofVerifier.verifyConsistency(size1, size2, tampered, root1, root2)) {
                        fail(what + ": proof with a flipped bit verified");
                    }
                    verifications++;
                }
                for (List<byte[]> tampered : reshaped(proof, root1)) {
                    assertThat(ProofVerifier.verifyConsistency(size1, size2, tampered, root1, root2)).as(what + " reshaped").isFalse();
                }
                // Wrong sizes, with those sizes' real roots.
                for (int other : new int[] {size1 - 1, size1 + 1, 2 * size1}) {
                    if (other >= 1 && other <= size2 && other != size1) {
                        assertThat(ProofVerifier.verifyConsistency(other, size2, proof, roots[other], root2))
                                .as(what + " from " + other).isFalse();
                    }
                }
                for (int other : new int[] {size2 - 1, size2 + 1, 2 * size2}) {
                    if (other >= size1 && other <= MAX_SIZE && other != size2) {
                        assertThat(ProofVerifier.verifyConsistency(size1, other, proof, root1, roots[other]))
                                .as(what + " to " + other).isFalse();
                    }
                }
                // Wrong roots.
                assertThat(ProofVerifier.verifyConsistency(size1, size2, proof, flip(root1, 0), root2)).isFalse();
                assertThat(ProofVerifier.verifyConsistency(size1, size2, proof, root1, flip(root2, 255))).isFalse();
                if (size1 != size2) {
                    assertThat(ProofVerifier.verifyConsistency(size1, size2, proof, root2, root1)).isFalse();
                }
            }
        }
        assertThat(verifications).isGreaterThan(100_000);
    }

    static boolean sameHashes(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!java.util.Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Each proof with one bit flipped: every bit of every hash, or (for larger trees) one bit per hash, its
     * position varying with {@code seed} and the hash's place so that the run covers all 256 positions.
     */
    static List<List<byte[]>> bitFlips(List<byte[]> proof, boolean everyBit, int seed) {
        List<List<byte[]>> result = new ArrayList<>();
        for (int element = 0; element < proof.size(); element++) {
            for (int bit = 0; bit < 256; bit++) {
                if (everyBit || bit == Math.floorMod(seed * 31 + element * 97, 256)) {
                    List<byte[]> tampered = new ArrayList<>(proof);
                    tampered.set(element, flip(proof.get(element), bit));
                    result.add(tampered);
                }
            }
        }
        return result;
    }

    /** The proof with a hash added (front, back), removed (first, last) or two neighbours swapped. */
    static List<List<byte[]>> reshaped(List<byte[]> proof, byte[] extra) {
        List<List<byte[]>> result = new ArrayList<>();
        List<byte[]> appended = new ArrayList<>(proof);
        appended.add(extra);
        result.add(appended);
        List<byte[]> prepended = new ArrayList<>(proof);
        prepended.add(0, extra);
        result.add(prepended);
        if (!proof.isEmpty()) {
            result.add(proof.subList(1, proof.size()));
            result.add(proof.subList(0, proof.size() - 1));
        }
        for (int i = 0; i + 1 < proof.size(); i++) {
            if (!java.util.Arrays.equals(proof.get(i), proof.get(i + 1))) {
                List<byte[]> swapped = new ArrayList<>(proof);
                swapped.set(i, proof.get(i + 1));
                swapped.set(i + 1, proof.get(i));
                result.add(swapped);
            }
        }
        return result;
    }

    static byte[] flip(byte[] hash, int bit) {
        byte[] copy = hash.clone();
        copy[bit / 8] ^= (byte) (1 << (bit % 8));
        return copy;
    }
}
