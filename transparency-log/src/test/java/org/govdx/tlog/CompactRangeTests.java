package org.govdx.tlog;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.govdx.tlog.TestData.hex;

class CompactRangeTests {

    /** transparency-dev/merkle testonly/constants.go RootHashes(), sizes 0..8. */
    static final List<String> RFC6962_ROOTS = List.of(
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    /** transparency-dev/merkle testonly/constants.go NodeHashes(): every full subtree of the 8-leaf tree. */
    static final List<List<String>> RFC6962_NODES = List.of(
            List.of("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
                    "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                    "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
                    "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                    "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1"),
            List.of("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"),
            List.of("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"),
            List.of("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"));

    @Test
    void rootsOfTheRfc6962TreeMatchThePublishedRootsAndTheRecursiveDefinition() {
        List<byte[]> leafHashes = TestData.rfc6962Leaves().stream().map(MerkleHashes::leafHash).toList();
        ReferenceTree reference = new ReferenceTree(leafHashes);
        CompactRange range = new CompactRange();
        assertThat(hex(range.rootHash())).isEqualTo(RFC6962_ROOTS.get(0));
        for (int size = 1; size <= 8; size++) {
            range.append(leafHashes.get(size - 1));
            assertThat(hex(range.rootHash())).as("root of size %d", size).isEqualTo(RFC6962_ROOTS.get(size));
            assertThat(hex(reference.root(size))).as("reference root of size %d", size).isEqualTo(RFC6962_ROOTS.get(size));
        }
        assertThat(hex(range.rootHash())).isEqualTo("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
    }

    @Test
    void emitsEveryFullSubtreeOfTheRfc6962TreeExactlyOnceInOrder() {
        Map<NodeId, String> emitted = new HashMap<>();
        List<NodeId> order = new ArrayList<>();
        CompactRange range = new CompactRange();
        for (byte[] leaf : TestData.rfc6962Leaves()) {
            range.append(MerkleHashes.leafHash(leaf), (level, index, hash) -> {
                NodeId node = new NodeId(level, index);
                assertThat(emitted.put(node, hex(hash))).as("node %s emitted twice", node).isNull();
                order.add(node);
            });
        }
        int count = 0;
        for (int level = 0; level < RFC6962_NODES.size(); level++) {
            for (int index = 0; index < RFC6962_NODES.get(level).size(); index++) {
                assertThat(emitted.get(new NodeId(level, index))).as("node (%d,%d)", level, index)
                        .isEqualTo(RFC6962_NODES.get(level).get(index));
                count++;
            }
        }
        assertThat(emitted).hasSize(count);
        // Leaf 3 completes (0,3), then (1,1), then (2,0): lowest level first.
        assertThat(order.subList(4, 7)).containsExactly(new NodeId(0, 3), new NodeId(1, 1), new NodeId(2, 0));
    }

    @Test
    void peaksAreTheCompactTreesOfTransparencyDev() {
        CompactRange range = new CompactRange();
        List<byte[]> leaves = TestData.rfc6962Leaves();
        for (int i = 0; i < 7; i++) {
            range.append(MerkleHashes.leafHash(leaves.get(i)));
        }
        // CompactTrees()[7] = {nh[2][0], nh[1][2], nh[0][6]}
        assertThat(range.peakHashes()).extracting(TestData::hex).containsExactly(
                RFC6962_NODES.get(2).get(0), RFC6962_NODES.get(1).get(2), RFC6962_NODES.get(0).get(6));
    }

    @Test
    void rootAtEverySizeEqualsTheRecursiveDefinition() {
        int max = 300;
        ReferenceTree reference = ReferenceTree.ofCounter(max);
        CompactRange range = new CompactRange();
        for (int size = 1; size <= max; size++) {
            range.append(reference.leafHashes().get(size - 1));
            assertThat(range.rootHash()).as("size %d", size).isEqualTo(reference.root(size));
            assertThat(range.size()).isEqualTo(size);
        }
    }

    @Test
    void resumesFromTheStoreAtAnySize() {
        InMemoryHashStore store = new InMemoryHashStore();
        CompactRange range = new CompactRange();
        ReferenceTree reference = ReferenceTree.ofCounter(100);
        for (int size = 0; size < 100; size++) {
            CompactRange resumed = CompactRange.resume(store, size);
            assertThat(resumed.size()).isEqualTo(size);
            assertThat(resumed.rootHash()).isEqualTo(range.rootHash());
            // The resumed range continues exactly like the original.
            CompactRange next = resumed.copy();
            next.append(reference.leafHashes().get(size));
            range.append(reference.leafHashes().get(size), store);
            assertThat(next.rootHash()).isEqualTo(range.rootHash());
            assertThat(resumed.size()).isEqualTo(size);
        }
        assertThat(store.size()).isEqualTo(100);
    }

    @Test
    void resumeFailsWhenTheStoreLacksAPeak() {
        InMemoryHashStore store = new InMemoryHashStore();
        CompactRange range = new CompactRange();
        for (int i = 0; i < 5; i++) {
            range.append(MerkleHashes.leafHash(ReferenceTree.counterEntry(i)), store);
        }
        assertThatThrownBy(() -> CompactRange.resume(store, 6)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("(1,2)");
    }

    @Test
    void refusesLeafHashesThatAreNotHashes() {
        assertThatThrownBy(() -> new CompactRange().append(new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CompactRange.fromPeaks(3, List.of(new byte[32]))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void storeRefusesConflictingOrOutOfOrderNodes() {
        InMemoryHashStore store = new InMemoryHashStore();
        store.node(0, 0, new byte[32]);
        store.node(0, 0, new byte[32]); // idempotent
        byte[] other = new byte[32];
        other[0] = 1;
        assertThatThrownBy(() -> store.node(0, 0, other)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.node(0, 2, other)).isInstanceOf(IllegalStateException.class);
        assertThat(store.nodeHash(new NodeId(0, 1))).isNull();
        assertThat(store.nodeHash(new NodeId(5, 0))).isNull();
    }
}
