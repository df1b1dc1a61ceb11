package org.govdx.tlog;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A tree stored at the tile levels only gives every node, proof and root the fully stored tree gives. */
class TileLevelNodesProperties {

    /** The full tree (every node) and the tile-level store (leaves and levels 8, 16, ...) of the same log. */
    private record Trees(InMemoryHashStore full, Map<NodeId, byte[]> tileLevels) {
    }

    private static Trees grow(int size) {
        InMemoryHashStore full = new InMemoryHashStore();
        Map<NodeId, byte[]> tileLevels = new HashMap<>();
        NodeSink stored = TileLevelNodes.keepStored((level, index, hash) -> tileLevels.put(new NodeId(level, index), hash));
        CompactRange range = new CompactRange();
        for (int i = 0; i < size; i++) {
            byte[] leaf = MerkleHashes.leafHash(ReferenceTree.counterEntry(i));
            range.append(leaf, (level, index, hash) -> {
                full.node(level, index, hash);
                stored.node(level, index, hash);
            });
        }
        return new Trees(full, tileLevels);
    }

    /** What a database answers for {@link TileLevelNodes#storedRanges}: the stored nodes inside the ranges. */
    private static Map<NodeId, byte[]> read(Map<NodeId, byte[]> store, List<TileLevelNodes.Range> ranges) {
        Map<NodeId, byte[]> read = new HashMap<>();
        for (TileLevelNodes.Range r : ranges) {
            assertThat(TileLevelNodes.stored(r.level())).isTrue();
            for (long i = r.from(); i < r.to(); i++) {
                byte[] hash = store.get(new NodeId(r.level(), i));
                if (hash != null) {
                    read.put(new NodeId(r.level(), i), hash);
                }
            }
        }
        return read;
    }

    private static HashStore tileLevelStore(Map<NodeId, byte[]> store) {
        return new HashStore() {
            @Override
            public byte[] nodeHash(NodeId node) {
                return nodeHashes(List.of(node)).get(0);
            }

            @Override
            public List<byte[]> nodeHashes(List<NodeId> nodes) {
                return TileLevelNodes.compute(nodes, read(store, TileLevelNodes.storedRanges(nodes)));
            }
        };
    }

    @Property(tries = 60)
    void everyNodeOfAProofIsTheFullyStoredOne(@ForAll @IntRange(min = 1, max = 70_000) int size, @ForAll @IntRange(min = 0) int rawIndex) {
        int index = rawIndex % size;
        Trees trees = grow(size);
        LinkedHashSet<NodeId> wanted = new LinkedHashSet<>(NodeId.fullSubtrees(0, size));
        for (ProofElement element : ProofGenerator.inclusionProofNodes(index, size)) {
            wanted.addAll(element.fullSubtrees());
        }
        for (ProofElement element : ProofGenerator.consistencyProofNodes(1 + index, size)) {
            wanted.addAll(element.fullSubtrees());
        }
        wanted.add(new NodeId(0, size)); // not in the tree yet
        List<NodeId> list = new ArrayList<>(wanted);
        List<TileLevelNodes.Range> ranges = TileLevelNodes.storedRanges(list);
        List<byte[]> computed = TileLevelNodes.compute(list, read(trees.tileLevels(), ranges));
        for (int i = 0; i < list.size(); i++) {
            assertThat(computed.get(i)).as("node %s", list.get(i)).isEqualTo(trees.full().nodeHash(list.get(i)));
        }
        // the stored nodes read lie in at most three tiles per stored level (the leaf's, the next one's and the last)
        long read = ranges.stream().mapToLong(r -> r.to() - r.from()).sum();
        assertThat(read).isLessThanOrEqualTo((long) TileId.WIDTH * ranges.stream().map(TileLevelNodes.Range::level).distinct().count() * 3);
    }

    @Property(tries = 30)
    void proofsAndResumeFromTheTileLevelStoreMatchTheFullStore(@ForAll @IntRange(min = 1, max = 3000) int size,
                                                              @ForAll @IntRange(min = 0) int rawIndex) {
        int index = rawIndex % size;
        Trees trees = grow(size);
        assertThat((long) trees.tileLevels().size()).isEqualTo(TileLevelNodes.storedNodes(size));
        HashStore tiled = tileLevelStore(trees.tileLevels());
        ProofGenerator fromTiles = new ProofGenerator(tiled);
        ProofGenerator fromFull = new ProofGenerator(trees.full());
        assertThat(fromTiles.inclusionProof(index, size)).containsExactlyElementsOf(fromFull.inclusionProof(index, size));
        assertThat(fromTiles.consistencyProof(index + 1, size)).containsExactlyElementsOf(fromFull.consistencyProof(index + 1, size));
        assertThat(CompactRange.resume(tiled, size).rootHash()).isEqualTo(CompactRange.resume(trees.full(), size).rootHash());
    }

    @Property(tries = 100)
    void storedNodesAreTheLeavesAndEveryEighthLevel(@ForAll @IntRange(min = 0, max = 62) int level) {
        assertThat(TileLevelNodes.stored(level)).isEqualTo(level % 8 == 0);
    }
}
