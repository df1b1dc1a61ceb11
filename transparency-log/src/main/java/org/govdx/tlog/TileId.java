package org.govdx.tlog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A tile of a C2SP tiled log (https://c2sp.org/tlog-tiles): tile {@code index} at tile {@code level} holds
 * the hashes of tree nodes at Merkle level {@code level·8}, indices {@code index·256 … index·256 + width - 1};
 * a tile is full at width 256 and partial below. At level 0 the same coordinates name an entry bundle, which
 * holds the entries of those leaves.
 *
 * <p>Paths: {@code tile/<L>/<N>[.p/<W>]} and {@code tile/entries/<N>[.p/<W>]}, where N is written in groups of
 * three digits, all but the last prefixed with "x" (1234067 → {@code x001/x234/067}), and ".p/W" marks a
 * partial tile of width W.
 */
public record TileId(int level, long index, int width) {

    /** Merkle levels per tile level. */
    public static final int HEIGHT = 8;
    /** Hashes in a full tile (and entries in a full entry bundle). */
    public static final int WIDTH = 1 << HEIGHT;

    private static final String TILE_PREFIX = "tile/";
    private static final String ENTRIES_PREFIX = "tile/entries/";

    public TileId {
        if (level < 0 || level * HEIGHT > NodeId.MAX_LEVEL) {
            throw new IllegalArgumentException("tile level out of range: " + level);
        }
        if (index < 0) {
            throw new IllegalArgumentException("negative tile index " + index);
        }
        if (width < 1 || width > WIDTH) {
            throw new IllegalArgumentException("tile width must be 1.." + WIDTH + ": " + width);
        }
    }

    public boolean isPartial() {
        return width < WIDTH;
    }

    /** The tree nodes whose hashes the tile holds, left to right. */
    public List<NodeId> nodes() {
        List<NodeId> nodes = new ArrayList<>(width);
        for (int i = 0; i < width; i++) {
            nodes.add(new NodeId(level * HEIGHT, index * WIDTH + i));
        }
        return nodes;
    }

    /** The path of this hash tile, {@code tile/<L>/<N>[.p/<W>]}. */
    public String tilePath() {
        return TILE_PREFIX + level + "/" + encodeIndexAndWidth();
    }

    /** The path of the entry bundle with this level-0 tile's coordinates, {@code tile/entries/<N>[.p/<W>]}. */
    public String entryBundlePath() {
        if (level != 0) {
            throw new IllegalStateException("entry bundles exist for level 0 only");
        }
        return ENTRIES_PREFIX + encodeIndexAndWidth();
    }

    /** The tile at {@code level} and {@code index} as it is in a tree of {@code treeSize} leaves (full or partial). */
    public static TileId inTree(int level, long index, long treeSize) {
        long nodesAtLevel = treeSize >>> (level * HEIGHT);
        long width = Math.min(WIDTH, nodesAtLevel - index * WIDTH);
        if (width < 1) {
            throw new IllegalArgumentException("tree of size " + treeSize + " has no tile " + index + " at level " + level);
        }
        return new TileId(level, index, (int) width);
    }

    /** Every tile of a tree of {@code treeSize} leaves, level by level; its level-0 tiles also name the entry bundles. */
    public static List<TileId> allTiles(long treeSize) {
        return tilesGrown(0, treeSize);
    }

    /**
     * The tiles a tiled log must (re)write when it grows from {@code oldSize} to {@code newSize}: every tile of
     * the new tree that did not exist, or was narrower, in the old tree.
     */
    public static List<TileId> tilesGrown(long oldSize, long newSize) {
        if (oldSize < 0 || newSize < oldSize) {
            throw new IllegalArgumentException("need 0 <= oldSize <= newSize: " + oldSize + ", " + newSize);
        }
        List<TileId> tiles = new ArrayList<>();
        for (int level = 0; level * HEIGHT <= NodeId.MAX_LEVEL; level++) {
            long newNodes = newSize >>> (level * HEIGHT);
            if (newNodes == 0) {
                break;
            }
            long oldNodes = oldSize >>> (level * HEIGHT);
            // The old tree's last tile changes if it was partial; tiles beyond it are new.
            for (long index = oldNodes / WIDTH; index * WIDTH < newNodes; index++) {
                TileId tile = inTree(level, index, newSize);
                if (index * WIDTH + tile.width > oldNodes) {
                    tiles.add(tile);
                }
            }
        }
        return tiles;
    }

    /** Parses a hash-tile path {@code tile/<L>/<N>[.p/<W>]} (no entries paths); throws {@link IllegalArgumentException} if malformed. */
    public static TileId parseTilePath(String path) {
        if (!path.startsWith(TILE_PREFIX) || path.startsWith(ENTRIES_PREFIX)) {
            throw new IllegalArgumentException("not a tile path: " + path);
        }
        String rest = path.substring(TILE_PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not a tile path: " + path);
        }
        String level = rest.substring(0, slash);
        if (!level.matches("0|[1-9][0-9]?")) {
            throw new IllegalArgumentException("bad tile level in " + path);
        }
        return parseIndexAndWidth(Integer.parseInt(level), rest.substring(slash + 1), path);
    }

    /** Parses an entry-bundle path {@code tile/entries/<N>[.p/<W>]}; throws {@link IllegalArgumentException} if malformed. */
    public static TileId parseEntryBundlePath(String path) {
        if (!path.startsWith(ENTRIES_PREFIX)) {
            throw new IllegalArgumentException("not an entry bundle path: " + path);
        }
        return parseIndexAndWidth(0, path.substring(ENTRIES_PREFIX.length()), path);
    }

    private String encodeIndexAndWidth() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%03d", index % 1000));
        for (long rest = index / 1000; rest > 0; rest /= 1000) {
            out.insert(0, String.format(Locale.ROOT, "x%03d/", rest % 1000));
        }
        if (isPartial()) {
            out.append(".p/").append(width);
        }
        return out.toString();
    }

    private static TileId parseIndexAndWidth(int level, String text, String path) {
        int width = WIDTH;
        int partial = text.indexOf(".p/");
        if (partial >= 0) {
            String w = text.substring(partial + 3);
            if (!w.matches("[1-9][0-9]{0,2}") || Integer.parseInt(w) >= WIDTH) {
                throw new IllegalArgumentException("bad partial width in " + path);
            }
            width = Integer.parseInt(w);
            text = text.substring(0, partial);
        }
        String[] groups = text.split("/", -1);
        long index = 0;
        for (int i = 0; i < groups.length; i++) {
            String group = groups[i];
            boolean last = i == groups.length - 1;
            if (!(last ? group.matches("[0-9]{3}") : group.matches("x[0-9]{3}"))) {
                throw new IllegalArgumentException("bad tile index in " + path);
            }
            if (i == 0 && !last && group.equals("x000")) {
                throw new IllegalArgumentException("tile index has a leading zero group in " + path);
            }
            if (index > (Long.MAX_VALUE - 999) / 1000) {
                throw new IllegalArgumentException("tile index too large in " + path);
            }
            index = index * 1000 + Integer.parseInt(last ? group : group.substring(1));
        }
        return new TileId(level, index, width);
    }
}
