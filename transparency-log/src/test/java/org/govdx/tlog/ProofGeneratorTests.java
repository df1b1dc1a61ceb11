package org.govdx.tlog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProofGeneratorTests {

    /** Writes a proof's nodes as "(level,index)" per element, an ephemeral element as its subtrees joined by "+". */
    static String describe(List<ProofElement> elements) {
        return elements.stream()
                .map(e -> e.fullSubtrees().stream().map(NodeId::toString).collect(Collectors.joining("+")))
                .collect(Collectors.joining(" "));
    }

    /** The node-level vectors of transparency-dev/merkle proof/proof_test.go TestInclusion. */
    @ParameterizedTest(name = "inclusion of {1} in tree of size {0}")
    @CsvSource(delimiter = ';', value = {
            "1;0;",
            "2;0;(0,1)",
            "2;1;(0,0)",
            "3;1;(0,0) (0,2)",
            "7;0;(0,1) (1,1) (1,2)+(0,6)",
            "7;1;(0,0) (1,1) (1,2)+(0,6)",
            "7;2;(0,3) (1,0) (1,2)+(0,6)",
            "7;3;(0,2) (1,0) (1,2)+(0,6)",
            "7;4;(0,5) (0,6) (2,0)",
            "7;5;(0,4) (0,6) (2,0)",
            "7;6;(1,2) (2,0)",
            "4;2;(0,3) (1,0)",
            "5;3;(0,2) (1,0) (0,4)",
            "6;3;(0,2) (1,0) (1,2)",
            "6;4;(0,5) (2,0)",
            "15;10;(0,11) (1,4) (1,6)+(0,14) (3,0)",
            "31;24;(0,25) (1,13) (1,14)+(0,30) (3,2) (4,0)",
            "95;81;(0,80) (1,41) (2,21) (2,22)+(1,46)+(0,94) (4,4) (6,0)",
    })
    void inclusionProofNodesAreThoseOfTransparencyDev(long size, long index, String expected) {
        assertThat(describe(ProofGenerator.inclusionProofNodes(index, size))).isEqualTo(expected == null ? "" : expected);
    }

    /** The node-level vectors of transparency-dev/merkle proof/proof_test.go TestConsistency. */
    @ParameterizedTest(name = "consistency from {0} to {1}")
    @CsvSource(delimiter = ';', value = {
            "1;2;(0,1)",
            "1;4;(0,1) (1,1)",
            "1;6;(0,1) (1,1) (1,2)",
            "2;3;(0,2)",
            "2;8;(1,1) (2,1)",
            "3;7;(0,2) (0,3) (1,0) (1,2)+(0,6)",
            "4;7;(1,2)+(0,6)",
            "5;7;(0,4) (0,5) (0,6) (2,0)",
            "6;7;(1,2) (0,6) (2,0)",
            "7;8;(0,6) (0,7) (1,2) (2,0)",
            "1;1;", "2;2;", "3;3;", "4;4;", "5;5;", "7;7;", "8;8;",
            "2;4;(1,1)",
            "3;5;(0,2) (0,3) (1,0) (0,4)",
            "3;6;(0,2) (0,3) (1,0) (1,2)",
            "4;6;(1,2)",
            "1;7;(0,1) (1,1) (1,2)+(0,6)",
            "10;15;(1,4) (1,5) (1,6)+(0,14) (3,0)",
            "24;31;(3,2) (2,6)+(1,14)+(0,30) (4,0)",
            "81;95;(0,80) (0,81) (1,41) (2,21) (2,22)+(1,46)+(0,94) (4,4) (6,0)",
    })
    void consistencyProofNodesAreThoseOfTransparencyDev(long size1, long size2, String expected) {
        assertThat(describe(ProofGenerator.consistencyProofNodes(size1, size2))).isEqualTo(expected == null ? "" : expected);
    }

    @Test
    void refusesImpossibleProofs() {
        assertThatThrownBy(() -> ProofGenerator.inclusionProofNodes(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProofGenerator.inclusionProofNodes(2, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProofGenerator.inclusionProofNodes(8, 7)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProofGenerator.inclusionProofNodes(-1, 7)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProofGenerator.consistencyProofNodes(5, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProofGenerator.consistencyProofNodes(9, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProofGenerator.consistencyProofNodes(0, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void proofsOfTheRfc6962TreeEqualTheRecursiveDefinition() {
        List<byte[]> leafHashes = TestData.rfc6962Leaves().stream().map(MerkleHashes::leafHash).toList();
        ReferenceTree reference = new ReferenceTree(leafHashes);
        InMemoryHashStore store = new InMemoryHashStore();
        CompactRange range = new CompactRange();
        leafHashes.forEach(leaf -> range.append(leaf, store));
        ProofGenerator proofs = new ProofGenerator(store);
        for (int size = 1; size <= 8; size++) {
            assertThat(proofs.rootHash(size)).isEqualTo(reference.root(size));
            for (int index = 0; index < size; index++) {
                assertThat(proofs.inclusionProof(index, size)).as("inclusion %d/%d", index, size)
                        .containsExactlyElementsOf(reference.inclusionProof(index, size));
            }
            for (int size1 = 1; size1 <= size; size1++) {
                assertThat(proofs.consistencyProof(size1, size)).as("consistency %d->%d", size1, size)
                        .containsExactlyElementsOf(reference.consistencyProof(size1, size));
            }
        }
        assertThat(TestData.hex(proofs.rootHash(0))).isEqualTo(CompactRangeTests.RFC6962_ROOTS.get(0));
    }

    @Test
    void failsClearlyWhenTheStoreHasNotGrownThatFar() {
        InMemoryHashStore store = new InMemoryHashStore();
        CompactRange range = new CompactRange();
        for (int i = 0; i < 5; i++) {
            range.append(MerkleHashes.leafHash(ReferenceTree.counterEntry(i)), store);
        }
        ProofGenerator proofs = new ProofGenerator(store);
        assertThatThrownBy(() -> proofs.inclusionProof(2, 6)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no hash for node");
    }

    /** A store of ten million (or 2^62) leaves needs only O(log n) nodes per proof, fetched in one call. */
    @Test
    void proofsReadLogarithmicallyManyNodesInOneCall() {
        CountingStore store = new CountingStore();
        ProofGenerator proofs = new ProofGenerator(store);
        Random random = new Random(42);
        for (long size : new long[] {10_000_000L, 10_000_001L, 16_777_215L, (1L << 62) - 1, Long.MAX_VALUE - 1}) {
            int log2 = 64 - Long.numberOfLeadingZeros(size - 1);
            for (int i = 0; i < 200; i++) {
                long index = Math.floorMod(random.nextLong(), size);
                store.reset();
                List<byte[]> proof = proofs.inclusionProof(index, size);
                assertThat(store.calls).isEqualTo(1);
                assertThat(proof.size()).isLessThanOrEqualTo(log2);
                assertThat(store.nodesRead).as("reads for index %d of %d", index, size).isLessThanOrEqualTo(2 * log2);

                long size1 = 1 + Math.floorMod(random.nextLong(), size);
                store.reset();
                proofs.consistencyProof(size1, size);
                assertThat(store.calls).isLessThanOrEqualTo(1);
                assertThat(store.nodesRead).isLessThanOrEqualTo(3 * log2);
            }
            store.reset();
            proofs.rootHash(size);
            assertThat(store.nodesRead).isEqualTo(Long.bitCount(size));
        }
    }

    /** Answers any node with a hash derived from its position, counting what is asked. */
    static final class CountingStore implements HashStore {
        int calls;
        int nodesRead;

        void reset() {
            calls = 0;
            nodesRead = 0;
        }

        @Override
        public byte[] nodeHash(NodeId node) {
            throw new AssertionError("proof generation must batch its reads");
        }

        @Override
        public List<byte[]> nodeHashes(List<NodeId> nodes) {
            calls++;
            nodesRead += nodes.size();
            List<byte[]> hashes = new ArrayList<>();
            for (NodeId node : nodes) {
                hashes.add(MerkleHashes.leafHash((node.level() + "/" + node.index()).getBytes()));
            }
            return hashes;
        }
    }
}
