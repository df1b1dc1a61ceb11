package org.govdx.tlog;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TileIdTests {

    @Test
    void encodesPathsAsTheTlogTilesSpecShows() {
        assertThat(new TileId(0, 0, 256).tilePath()).isEqualTo("tile/0/000");
        assertThat(new TileId(0, 0, 15).tilePath()).isEqualTo("tile/0/000.p/15");
        assertThat(new TileId(1, 1234067, 256).tilePath()).isEqualTo("tile/1/x001/x234/067");
        assertThat(new TileId(1, 1234067, 128).tilePath()).isEqualTo("tile/1/x001/x234/067.p/128");
        assertThat(new TileId(0, 1000, 256).entryBundlePath()).isEqualTo("tile/entries/x001/000");
        assertThat(new TileId(0, 999, 1).entryBundlePath()).isEqualTo("tile/entries/999.p/1");
        assertThat(new TileId(2, 5, 3).tilePath()).isEqualTo("tile/2/005.p/3");
        assertThatThrownBy(() -> new TileId(1, 0, 256).entryBundlePath()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void parsesPaths() {
        assertThat(TileId.parseTilePath("tile/1/x001/x234/067.p/128")).isEqualTo(new TileId(1, 1234067, 128));
        assertThat(TileId.parseTilePath("tile/0/000")).isEqualTo(new TileId(0, 0, 256));
        assertThat(TileId.parseEntryBundlePath("tile/entries/x001/000")).isEqualTo(new TileId(0, 1000, 256));
        for (String bad : List.of("tile/0/0", "tile/0/x000/001", "tile/0/001.p/0", "tile/0/001.p/256", "tile/0/001.p/07",
                "tile/00/001", "tile/0/1234", "tile/0/x01/001", "tile/entries/000", "tiles/0/000", "tile/0/000/")) {
            assertThatThrownBy(() -> TileId.parseTilePath(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> TileId.parseEntryBundlePath("tile/0/000")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tilesOfATree() {
        assertThat(TileId.allTiles(0)).isEmpty();
        // 70000 leaves: 273 full level-0 tiles and one of 112; level 1 has 273 nodes: one full tile and one of 17;
        // level 2 has one node: a tile of width 1.
        List<TileId> tiles = TileId.allTiles(70_000);
        assertThat(tiles).hasSize(274 + 2 + 1);
        assertThat(tiles.get(273)).isEqualTo(new TileId(0, 273, 112));
        assertThat(tiles.subList(274, 277)).containsExactly(new TileId(1, 0, 256), new TileId(1, 1, 17), new TileId(2, 0, 1));
        assertThat(TileId.inTree(1, 1, 70_000).nodes().get(0)).isEqualTo(new NodeId(8, 256));
    }

    @Test
    void tilesGrownAreTheNewAndWidenedOnes() {
        assertThat(TileId.tilesGrown(255, 256)).containsExactly(new TileId(0, 0, 256), new TileId(1, 0, 1));
        assertThat(TileId.tilesGrown(256, 257)).containsExactly(new TileId(0, 1, 1));
        assertThat(TileId.tilesGrown(300, 300)).isEmpty();
        assertThat(TileId.tilesGrown(0, 70_000)).isEqualTo(TileId.allTiles(70_000));
    }

    @Property(tries = 300)
    void pathsRoundTrip(@ForAll @IntRange(min = 0, max = 7) int level,
                        @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 256) long index,
                        @ForAll @IntRange(min = 1, max = 256) int width) {
        TileId tile = new TileId(level, index, width);
        assertThat(TileId.parseTilePath(tile.tilePath())).isEqualTo(tile);
        TileId bundle = new TileId(0, index, width);
        assertThat(TileId.parseEntryBundlePath(bundle.entryBundlePath())).isEqualTo(bundle);
    }

    @Property(tries = 100)
    void tilesGrownKeepTheTileSetUpToDate(@ForAll @LongRange(min = 0, max = 200_000) long a,
                                          @ForAll @LongRange(min = 0, max = 200_000) long b) {
        long oldSize = Math.min(a, b);
        long newSize = Math.max(a, b);
        java.util.Map<String, TileId> published = new java.util.HashMap<>();
        for (TileId tile : TileId.allTiles(oldSize)) {
            published.put(tile.level() + "/" + tile.index(), tile);
        }
        for (TileId tile : TileId.tilesGrown(oldSize, newSize)) {
            published.put(tile.level() + "/" + tile.index(), tile);
        }
        assertThat(published.values()).containsExactlyInAnyOrderElementsOf(TileId.allTiles(newSize));
    }

    @Test
    void entryBundlesRejectWhatTheyCannotHold() {
        assertThatThrownBy(() -> Tiles.entryBundle(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tiles.entryBundle(List.of(new byte[65_536]))).isInstanceOf(IllegalArgumentException.class);
        assertThat(Tiles.parseEntryBundle(Tiles.entryBundle(List.of(new byte[65_535], new byte[0]))))
                .extracting(e -> e.length).containsExactly(65_535, 0);
        assertThatThrownBy(() -> Tiles.parseEntryBundle(new byte[] {0, 3, 'a'})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tiles.parseEntryBundle(new byte[] {0})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tiles.parseHashTile(new byte[33])).isInstanceOf(IllegalArgumentException.class);
    }
}
