package org.govdx.tlog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A tree stored at the tlog-tiles levels only (decision 0021): the leaves (level 0) and the nodes of levels 8, 16,
 * 24, ... — exactly the hashes that C2SP hash tiles hold. Every other full subtree {@code (l, i)} is hashed up from
 * the {@code 2^(l mod 8)} stored nodes of level {@code l - l mod 8} beneath it (at most 128, all inside one tile),
 * so a store keeps about {@code n + n/255} nodes instead of {@code 2n}, and one append writes one leaf and, once
 * every 256 appends, one node more.
 *
 * <p>Use: {@link #storedRanges} says which stored hashes a set of wanted nodes needs (merged, so that one range query
 * per level reads them), {@link #compute} hashes the wanted nodes up from what was read. {@link #keepStored} filters a
 * {@link NodeSink} down to the stored levels.
 */
public final class TileLevelNodes {

    /** Stored levels are the multiples of this (C2SP tiles are 8 levels high). */
    public static final int STRIDE = TileId.HEIGHT;

    private TileLevelNodes() {
    }

    /** Whether nodes of {@code level} are stored. */
    public static boolean stored(int level) {
        return level % STRIDE == 0;
    }

    /** A sink that passes on only the nodes of the stored levels (0, 8, 16, ...). */
    public static NodeSink keepStored(NodeSink sink) {
        return (level, index, hash) -> {
            if (stored(level)) {
                sink.node(level, index, hash);
            }
        };
    }

    /** How many nodes a tree of {@code size} leaves stores (the leaves and the full subtrees of levels 8, 16, ...). */
    public static long storedNodes(long size) {
        long count = 0;
        for (int level = 0; level <= NodeId.MAX_LEVEL; level += STRIDE) {
            count += size >>> level;
        }
        return count;
    }

    /** Stored nodes {@code [from, to)} of stored level {@code level}. */
    public record Range(int level, long from, long to) {
    }

    /** The stored nodes the {@code wanted} nodes are made of, as ranges merged per level (sorted by level, then start). */
    public static List<Range> storedRanges(List<NodeId> wanted) {
        Map<Integer, List<long[]>> byLevel = new HashMap<>();
        for (NodeId node : wanted) {
            int span = node.level() % STRIDE;
            int base = node.level() - span;
            byLevel.computeIfAbsent(base, b -> new ArrayList<>()).add(new long[]{node.index() << span, (node.index() + 1) << span});
        }
        List<Range> ranges = new ArrayList<>();
        byLevel.keySet().stream().sorted().forEach(level -> {
            List<long[]> spans = byLevel.get(level);
            spans.sort((a, b) -> Long.compare(a[0], b[0]));
            long from = spans.get(0)[0];
            long to = spans.get(0)[1];
            for (long[] s : spans) {
                if (s[0] > to) {
                    ranges.add(new Range(level, from, to));
                    from = s[0];
                }
                to = Math.max(to, s[1]);
            }
            ranges.add(new Range(level, from, to));
        });
        return ranges;
    }

    /**
     * The hashes of {@code wanted}, in order, hashed up from the stored nodes {@code stored} (keyed by their node
     * id, as read for {@link #storedRanges}); {@code null} for a node some stored node beneath it is missing for.
     */
    public static List<byte[]> compute(List<NodeId> wanted, Map<NodeId, byte[]> stored) {
        byte[][] hashes = new byte[wanted.size()][];
        for (int i = 0; i < hashes.length; i++) {
            NodeId node = wanted.get(i);
            int span = node.level() % STRIDE;
            hashes[i] = up(stored, node.level() - span, node.index() << span, span);
        }
        return Arrays.asList(hashes);
    }

    /** The hash of the subtree {@code span} levels above the stored nodes {@code [first, first + 2^span)} of {@code base}. */
    private static byte[] up(Map<NodeId, byte[]> stored, int base, long first, int span) {
        if (span == 0) {
            return stored.get(new NodeId(base, first));
        }
        byte[] left = up(stored, base, first, span - 1);
        if (left == null) {
            return null;
        }
        byte[] right = up(stored, base, first + (1L << (span - 1)), span - 1);
        return right == null ? null : MerkleHashes.nodeHash(left, right);
    }
}
