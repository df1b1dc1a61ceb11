package org.govdx.tlog;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Randomised properties of the tree on sizes beyond the exhaustive range. */
class MerkleTreeProperties {

    private static InMemoryHashStore grow(int size) {
        InMemoryHashStore store = new InMemoryHashStore();
        CompactRange range = new CompactRange();
        for (int i = 0; i < size; i++) {
            range.append(MerkleHashes.leafHash(ReferenceTree.counterEntry(i)), store);
        }
        return store;
    }

    @Property(tries = 40)
    void inclusionProofsFromTheStoreVerifyAgainstTheIncrementalRoot(@ForAll @IntRange(min = 1, max = 5000) int size,
                                                                   @ForAll @IntRange(min = 0, max = 4999) int rawIndex) {
        int index = rawIndex % size;
        InMemoryHashStore store = grow(size);
        CompactRange range = CompactRange.resume(store, size);
        ProofGenerator proofs = new ProofGenerator(store);
        byte[] leaf = MerkleHashes.leafHash(ReferenceTree.counterEntry(index));
        List<byte[]> proof = proofs.inclusionProof(index, size);
        assertThat(ProofVerifier.verifyInclusion(index, size, leaf, proof, range.rootHash())).isTrue();
        assertThat(proofs.rootHash(size)).isEqualTo(range.rootHash());
        // The proof has exactly the length RFC 9162 implies.
        int inner = 64 - Long.numberOfLeadingZeros((long) index ^ (size - 1));
        int border = Long.bitCount((long) index >>> inner);
        assertThat(proof).hasSize(inner + border);
    }

    @Property(tries = 40)
    void consistencyProofsFromTheStoreVerify(@ForAll @IntRange(min = 1, max = 5000) int size2,
                                            @ForAll @IntRange(min = 1, max = 5000) int rawSize1) {
        int size1 = 1 + (rawSize1 - 1) % size2;
        InMemoryHashStore store = grow(size2);
        ProofGenerator proofs = new ProofGenerator(store);
        byte[] root1 = proofs.rootHash(size1);
        byte[] root2 = proofs.rootHash(size2);
        assertThat(ProofVerifier.verifyConsistency(size1, size2, proofs.consistencyProof(size1, size2), root1, root2)).isTrue();
        assertThat(root1).isEqualTo(CompactRange.resume(store, size1).rootHash());
    }

    @Property(tries = 200)
    void compactRangeHasOnePeakPerSetBit(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long size) {
        List<NodeId> peaks = NodeId.fullSubtrees(0, size);
        assertThat(peaks).hasSize(Long.bitCount(size));
        long covered = 0;
        for (NodeId peak : peaks) {
            assertThat(peak.firstLeaf()).isEqualTo(covered);
            covered = peak.endLeaf();
        }
        assertThat(covered).isEqualTo(size);
    }

    @Property(tries = 200)
    void inclusionProofNodesLieInsideTheTree(@ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long size,
                                            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long rawIndex) {
        long index = rawIndex % size;
        for (ProofElement element : ProofGenerator.inclusionProofNodes(index, size)) {
            for (NodeId node : element.fullSubtrees()) {
                assertThat(node.endLeaf()).isLessThanOrEqualTo(size);
                assertThat(index >= node.firstLeaf() && index < node.endLeaf()).as("proof node %s covers the leaf", node).isFalse();
            }
        }
    }
}
