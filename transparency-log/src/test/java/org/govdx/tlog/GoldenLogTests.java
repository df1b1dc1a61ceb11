package org.govdx.tlog;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The tessera golden log (shared/testdata/transparency/tessera-golden-log): 15 entries, a checkpoint for
 * every size 0..15 and the tlog-tiles files. Building the log here and signing with the published test key
 * must reproduce every file byte for byte.
 */
class GoldenLogTests {

    static Path dir;
    static List<byte[]> entries;
    static InMemoryHashStore store;
    static NoteSigner signer;
    static NoteVerifier verifier;

    @BeforeAll
    static void buildGoldenLog() {
        dir = TestData.goldenLogDir();
        entries = TestData.GOLDEN_ENTRIES.stream().map(e -> e.getBytes(StandardCharsets.US_ASCII)).toList();
        store = new InMemoryHashStore();
        CompactRange range = new CompactRange();
        entries.forEach(entry -> range.append(MerkleHashes.leafHash(entry), store));
        signer = NoteSigner.parse(TestData.GOLDEN_SKEY);
        verifier = NoteVerifier.parse(TestData.GOLDEN_VKEY);
    }

    static String read(String name) throws IOException {
        return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
    }

    @Test
    void signingEverySizeReproducesEveryCheckpointByteForByte() throws IOException {
        ProofGenerator proofs = new ProofGenerator(store);
        for (int size = 0; size <= 15; size++) {
            Checkpoint checkpoint = new Checkpoint(TestData.GOLDEN_ORIGIN, size, proofs.rootHash(size));
            byte[] expected = Files.readAllBytes(dir.resolve("checkpoint." + size));
            assertThat(checkpoint.sign(signer).getBytes(StandardCharsets.UTF_8)).as("checkpoint.%d", size).isEqualTo(expected);
        }
        assertThat(read("checkpoint")).isEqualTo(read("checkpoint.15"));
    }

    @Test
    void goldenCheckpointsCarryOneSignatureAndNoExtensionLines() throws IOException {
        for (int size = 0; size <= 15; size++) {
            SignedNote note = SignedNote.parse(read("checkpoint." + size));
            assertThat(note.signatures()).singleElement().satisfies(s -> assertThat(s.name()).isEqualTo(TestData.GOLDEN_ORIGIN));
            assertThat(Checkpoint.parse(note.text()).extensionLines()).isEmpty();
        }
    }

    @Test
    void everyCheckpointVerifiesWithThePublishedKey() throws Exception {
        ProofGenerator proofs = new ProofGenerator(store);
        for (int size = 0; size <= 15; size++) {
            Checkpoint checkpoint = Checkpoint.open(read("checkpoint." + size), TestData.GOLDEN_ORIGIN, List.of(verifier));
            assertThat(checkpoint.size()).isEqualTo(size);
            assertThat(checkpoint.rootHash()).isEqualTo(proofs.rootHash(size));
        }
    }

    @Test
    void modifiedCheckpointsFail() throws IOException {
        String original = read("checkpoint.7");
        String[] lines = original.split("\n", -1);
        List<String> tampered = List.of(
                original.replace("\n7\n", "\n8\n"),
                original.replace("\n7\n", "\n07\n"),
                original.replace(lines[2], StrictBase64.encode(MerkleHashes.emptyRoot())),
                original.replace(lines[0] + "\n", "example.com/log/other\n"),
                original.replace(lines[2] + "\n", lines[2] + "\nextension line\n"),
                original.replace(lines[4], lines[4].substring(0, 40) + (lines[4].charAt(40) == 'A' ? 'B' : 'A') + lines[4].substring(41)),
                original.replace("\n\n", "\n"));
        for (String bad : tampered) {
            assertThat(bad).isNotEqualTo(original);
            assertThatThrownBy(() -> Checkpoint.open(bad, TestData.GOLDEN_ORIGIN, List.of(verifier)))
                    .as(bad).isInstanceOf(VerificationException.class);
        }
        NoteVerifier otherKey = NoteSigner.generate(TestData.GOLDEN_ORIGIN).verifier();
        assertThatThrownBy(() -> Checkpoint.open(original, TestData.GOLDEN_ORIGIN, List.of(otherKey)))
                .isInstanceOf(VerificationException.class);
        assertThatThrownBy(() -> Checkpoint.open(original, "example.com/log/other", List.of(verifier)))
                .isInstanceOf(VerificationException.class).hasMessageContaining("origin");
    }

    @Test
    void everyPairOfGoldenCheckpointsIsConsistent() throws Exception {
        ProofGenerator proofs = new ProofGenerator(store);
        for (int size2 = 1; size2 <= 15; size2++) {
            Checkpoint newer = Checkpoint.open(read("checkpoint." + size2), TestData.GOLDEN_ORIGIN, List.of(verifier));
            for (int size1 = 1; size1 <= size2; size1++) {
                Checkpoint older = Checkpoint.open(read("checkpoint." + size1), TestData.GOLDEN_ORIGIN, List.of(verifier));
                ProofVerifier.checkConsistency(older.size(), newer.size(), proofs.consistencyProof(size1, size2),
                        older.rootHash(), newer.rootHash());
            }
            for (int index = 0; index < size2; index++) {
                ProofVerifier.checkInclusion(index, size2, MerkleHashes.leafHash(entries.get(index)),
                        proofs.inclusionProof(index, size2), newer.rootHash());
            }
        }
    }

    @Test
    void hashTilesAndEntryBundlesMatchTheGoldenFilesByteForByte() throws IOException {
        for (int size = 1; size <= 15; size++) {
            TileId tile = TileId.inTree(0, 0, size);
            assertThat(tile.tilePath()).isEqualTo("tile/0/000.p/" + size);
            assertThat(tile.entryBundlePath()).isEqualTo("tile/entries/000.p/" + size);
            assertThat(Tiles.hashTile(store, tile)).as(tile.tilePath()).isEqualTo(Files.readAllBytes(dir.resolve(tile.tilePath())));
            byte[] bundle = Files.readAllBytes(dir.resolve(tile.entryBundlePath()));
            assertThat(Tiles.entryBundle(entries.subList(0, size))).as(tile.entryBundlePath()).isEqualTo(bundle);
            assertThat(Tiles.parseEntryBundle(bundle)).containsExactlyElementsOf(entries.subList(0, size));
            assertThat(Tiles.parseHashTile(Files.readAllBytes(dir.resolve(tile.tilePath()))))
                    .containsExactlyElementsOf(store.leafHashes(0, size));
        }
    }

    @Test
    void theTileFilesAreExactlyTheTilesWrittenAsTheLogGrewOneEntryAtATime() throws IOException {
        Set<String> expected = new TreeSet<>();
        for (int size = 1; size <= 15; size++) {
            for (TileId tile : TileId.tilesGrown(size - 1, size)) {
                expected.add(tile.tilePath());
                expected.add(tile.entryBundlePath());
            }
        }
        Set<String> actual;
        try (Stream<Path> files = Files.walk(dir.resolve("tile"))) {
            actual = files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(TileId.allTiles(15)).extracting(TileId::tilePath).containsExactly("tile/0/000.p/15");
    }

    @Test
    void treeStateRecordsTheFinalRoot() throws IOException {
        assertThat(read(".state/treeState")).contains("\"size\":15")
                .contains(StrictBase64.encode(new ProofGenerator(store).rootHash(15)));
    }
}
