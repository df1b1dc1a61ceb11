package org.govdx.tlog.verifier;

import org.govdx.tlog.Checkpoint;
import org.govdx.tlog.CompactRange;
import org.govdx.tlog.ExportRecord;
import org.govdx.tlog.InMemoryHashStore;
import org.govdx.tlog.MerkleHashes;
import org.govdx.tlog.NoteSigner;
import org.govdx.tlog.ProofGenerator;
import org.govdx.tlog.StrictBase64;
import org.govdx.tlog.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The offline verifier through its entry point, on the tessera golden log and on a log of JSON entries. */
class VerifierMainTests {

    @TempDir
    Path tmp;

    Path goldenCheckpoint;
    Path goldenExport;
    List<String> goldenLines;

    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = VerifierMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A log of the given entries with its export lines (all with inclusion proofs for the final size). */
    record Log(List<String> exportLines, ProofGenerator proofs, long size) {
        static Log of(List<String> entries) {
            InMemoryHashStore store = new InMemoryHashStore();
            CompactRange range = new CompactRange();
            for (String entry : entries) {
                range.append(MerkleHashes.leafHash(entry.getBytes(StandardCharsets.UTF_8)), store);
            }
            ProofGenerator proofs = new ProofGenerator(store);
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                lines.add(new ExportRecord(i, entries.get(i), proofs.inclusionProof(i, entries.size())).toJsonLine());
            }
            return new Log(lines, proofs, entries.size());
        }

        String signedCheckpoint(String origin, NoteSigner signer, long atSize) {
            return new Checkpoint(origin, atSize, proofs.rootHash(atSize)).sign(signer);
        }
    }

    @BeforeEach
    void goldenExport() throws IOException {
        goldenCheckpoint = TestData.goldenLogDir().resolve("checkpoint.15");
        goldenLines = Log.of(TestData.GOLDEN_ENTRIES).exportLines();
        goldenExport = write("golden.ndjson", goldenLines);
    }

    Path write(String name, List<String> lines) throws IOException {
        return Files.writeString(tmp.resolve(name), lines.stream().map(l -> l + "\n").collect(Collectors.joining()));
    }

    Path write(String name, String content) throws IOException {
        return Files.writeString(tmp.resolve(name), content);
    }

    Run verifyEntries(Path export) {
        return run("verify-entries", "--vkey", TestData.GOLDEN_VKEY, "--checkpoint", goldenCheckpoint.toString(),
                "--entries", export.toString());
    }

    Run verifyLog(Path export) {
        return run("verify-log", "--vkey", TestData.GOLDEN_VKEY, "--checkpoint", goldenCheckpoint.toString(),
                "--entries", export.toString());
    }

    static String withEntry(String line, String entry) {
        ExportRecord record = ExportRecord.parse(line);
        return new ExportRecord(record.index(), entry, record.inclusionProof()).toJsonLine();
    }

    static String withIndex(String line, long index) {
        ExportRecord record = ExportRecord.parse(line);
        return new ExportRecord(index, record.entry(), record.inclusionProof()).toJsonLine();
    }

    // ---- verify-entries --------------------------------------------------------------------------------

    @Test
    void verifyEntriesAcceptsTheGoldenExport() {
        Run result = verifyEntries(goldenExport);
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(0);
        assertThat(result.out()).contains("OK: checkpoint example.com/log/testdata size 15")
                .contains("signed by example.com/log/testdata+33d7b496")
                .contains("OK: 15 entries verified against the checkpoint (indices 0..14)");
    }

    @Test
    void verifyEntriesAcceptsASubsetAndAVkeyFile() throws IOException {
        Path subset = write("subset.ndjson", List.of(goldenLines.get(3), "", goldenLines.get(11)));
        Path vkeyFile = write("log.vkey", "\n" + TestData.GOLDEN_VKEY + "\n");
        Run result = run("verify-entries", "--vkey", vkeyFile.toString(), "--checkpoint", goldenCheckpoint.toString(),
                "--entries", subset.toString());
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(0);
        assertThat(result.out()).contains("2 entries verified").contains("indices 3..11");
    }

    @Test
    void verifyEntriesNamesTheFirstEditedEntry() throws IOException {
        List<String> lines = new ArrayList<>(goldenLines);
        lines.set(5, withEntry(lines.get(5), "SIX"));
        lines.set(9, withEntry(lines.get(9), "TEN"));
        Run result = verifyEntries(write("edited.ndjson", lines));
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("FAILED: first bad entry: index 5: line 6");
    }

    @Test
    void verifyEntriesNamesEntriesMovedToAnotherIndex() throws IOException {
        List<String> lines = new ArrayList<>(goldenLines);
        // Entries "three" and "eit" swap places, keeping the index and proof of their line.
        lines.set(2, withEntry(goldenLines.get(2), "eit"));
        lines.set(7, withEntry(goldenLines.get(7), "three"));
        Run result = verifyEntries(write("swapped.ndjson", lines));
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("first bad entry: index 2");
        // A record renumbered to another index fails there too.
        Run renumbered = verifyEntries(write("renumbered.ndjson", List.of(withIndex(goldenLines.get(4), 3))));
        assertThat(renumbered.exitCode()).isEqualTo(1);
        assertThat(renumbered.out()).contains("first bad entry: index 3");
    }

    @Test
    void verifyEntriesRejectsRecordsWithoutProofOrMalformed() throws IOException {
        Run noProof = verifyEntries(write("noproof.ndjson", List.of("{\"index\":2,\"entry\":\"three\"}")));
        assertThat(noProof.exitCode()).isEqualTo(1);
        assertThat(noProof.out()).contains("index 2").contains("no inclusion proof");
        Run malformed = verifyEntries(write("malformed.ndjson", List.of(goldenLines.get(0), "{not json")));
        assertThat(malformed.exitCode()).isEqualTo(1);
        assertThat(malformed.out()).contains("line 2 is not a valid export record");
        Run beyond = verifyEntries(write("beyond.ndjson", List.of(withIndex(goldenLines.get(0), 15))));
        assertThat(beyond.exitCode()).isEqualTo(1);
        assertThat(beyond.out()).contains("first bad entry: index 15");
    }

    @Test
    void verifyEntriesRejectsAForgedOrForeignCheckpoint() throws IOException {
        String genuine = Files.readString(goldenCheckpoint);
        Path forged = write("forged.checkpoint", genuine.replace("\n15\n", "\n16\n"));
        Run result = run("verify-entries", "--vkey", TestData.GOLDEN_VKEY, "--checkpoint", forged.toString(),
                "--entries", goldenExport.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("FAILED: checkpoint").contains("invalid signature");

        NoteSigner otherKey = NoteSigner.generate("example.com/log/testdata");
        Run wrongKey = run("verify-entries", "--vkey", otherKey.verifier().encode(), "--checkpoint",
                goldenCheckpoint.toString(), "--entries", goldenExport.toString());
        assertThat(wrongKey.exitCode()).isEqualTo(1);
        assertThat(wrongKey.out()).contains("no signature by a known key");

        NoteSigner otherLog = NoteSigner.generate("example.com/log/other");
        Path otherCheckpoint = write("other.checkpoint", Log.of(TestData.GOLDEN_ENTRIES)
                .signedCheckpoint("example.com/log/testdata", otherLog, 15));
        Run wrongOrigin = run("verify-entries", "--vkey", otherLog.verifier().encode(), "--checkpoint",
                otherCheckpoint.toString(), "--entries", goldenExport.toString());
        assertThat(wrongOrigin.exitCode()).isEqualTo(1);
        assertThat(wrongOrigin.out()).contains("origin");
        Run withOrigin = run("verify-entries", "--vkey", otherLog.verifier().encode(), "--checkpoint",
                otherCheckpoint.toString(), "--entries", goldenExport.toString(), "--origin", "example.com/log/testdata");
        assertThat(withOrigin.exitCode()).as(withOrigin.toString()).isEqualTo(0);
    }

    // ---- verify-log --old: the log only grew since a saved checkpoint, or where it was rewritten ------------

    @Test
    void verifyLogWithASavedOlderCheckpointProvesGrowthOrNamesTheRewrittenEntry() throws IOException {
        NoteSigner key = NoteSigner.generate("example.com/log/rewrite");
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            entries.add("{\"event\":" + i + "}");
        }
        Log then = Log.of(entries.subList(0, 20));
        Path oldCheckpoint = write("old.checkpoint", then.signedCheckpoint("example.com/log/rewrite", key, 20));
        Path oldExport = write("old.ndjson", then.exportLines());

        Log grown = Log.of(entries);
        Path grownCheckpoint = write("grown.checkpoint", grown.signedCheckpoint("example.com/log/rewrite", key, 40));
        Run onlyGrew = run("verify-log", "--vkey", key.verifier().encode(), "--checkpoint", grownCheckpoint.toString(),
                "--entries", write("grown.ndjson", grown.exportLines()).toString(), "--old", oldCheckpoint.toString());
        assertThat(onlyGrew.exitCode()).as(onlyGrew.toString()).isEqualTo(0);
        assertThat(onlyGrew.out()).contains("the log only grew since the saved checkpoint of size 20");

        // the operator rewrites entry 7 and signs the rewritten history: on its own it verifies
        List<String> forged = new ArrayList<>(entries);
        forged.set(7, "{\"event\":7,\"outcome\":\"DENIED\"}");
        Log rewritten = Log.of(forged);
        Path forgedCheckpoint = write("forged.checkpoint", rewritten.signedCheckpoint("example.com/log/rewrite", key, 40));
        Path forgedExport = write("forged.ndjson", rewritten.exportLines());
        Run alone = run("verify-log", "--vkey", key.verifier().encode(), "--checkpoint", forgedCheckpoint.toString(),
                "--entries", forgedExport.toString());
        assertThat(alone.exitCode()).isEqualTo(0);

        Run againstSaved = run("verify-log", "--vkey", key.verifier().encode(), "--checkpoint", forgedCheckpoint.toString(),
                "--entries", forgedExport.toString(), "--old", oldCheckpoint.toString());
        assertThat(againstSaved.exitCode()).isEqualTo(1);
        assertThat(againstSaved.out()).contains("the log was rewritten: its first 20 entries no longer give the root");

        Run named = run("verify-log", "--vkey", key.verifier().encode(), "--checkpoint", forgedCheckpoint.toString(),
                "--entries", forgedExport.toString(), "--old", oldCheckpoint.toString(), "--old-entries", oldExport.toString());
        assertThat(named.exitCode()).isEqualTo(1);
        assertThat(named.out()).contains("FAILED: first bad entry: index 7: the log was rewritten");

        Run withoutOld = run("verify-log", "--vkey", key.verifier().encode(), "--checkpoint", forgedCheckpoint.toString(),
                "--entries", forgedExport.toString(), "--old-entries", oldExport.toString());
        assertThat(withoutOld.exitCode()).isEqualTo(1);
        assertThat(withoutOld.out()).contains("--old-entries needs --old");
    }

    // ---- verify-log -------------------------------------------------------------------------------------

    @Test
    void verifyLogAcceptsTheCompleteGoldenExport() {
        Run result = verifyLog(goldenExport);
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(0);
        assertThat(result.out()).contains("OK: all 15 entries present, in order, and their tree has the checkpoint's root");
    }

    @Test
    void verifyLogAcceptsACompleteExportWithoutProofs() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            lines.add(new ExportRecord(i, TestData.GOLDEN_ENTRIES.get(i), null).toJsonLine());
        }
        assertThat(verifyLog(write("noproofs.ndjson", lines)).exitCode()).isEqualTo(0);
        lines.set(4, new ExportRecord(4, "FIVE", null).toJsonLine());
        Run edited = verifyLog(write("noproofs-edited.ndjson", lines));
        assertThat(edited.exitCode()).isEqualTo(1);
        assertThat(edited.out()).contains("at index 0 or later");
    }

    @Test
    void verifyLogNamesAnEditedEntry() throws IOException {
        for (int index : new int[] {0, 5, 14}) {
            List<String> lines = new ArrayList<>(goldenLines);
            lines.set(index, withEntry(lines.get(index), lines.get(index).contains("\"one\"") ? "uno" : "tampered"));
            Run result = verifyLog(write("edited-" + index + ".ndjson", lines));
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.out()).contains("FAILED: first bad entry: index " + index + ": line " + (index + 1)
                    + ": entry is not the log's entry " + index);
        }
    }

    @Test
    void verifyLogNamesADeletedEntry() throws IOException {
        for (int index : new int[] {0, 5, 14}) {
            List<String> lines = new ArrayList<>(goldenLines);
            lines.remove(index);
            Run result = verifyLog(write("deleted-" + index + ".ndjson", lines));
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.out()).as(result.toString()).contains("FAILED: first bad entry: index " + index + ":");
        }
        // Deleted, and the index members renumbered to hide the gap: the proofs still give it away.
        List<String> renumbered = new ArrayList<>(goldenLines);
        renumbered.remove(6);
        for (int i = 6; i < renumbered.size(); i++) {
            renumbered.set(i, withIndex(renumbered.get(i), i));
        }
        Run result = verifyLog(write("deleted-renumbered.ndjson", renumbered));
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("FAILED: first bad entry: index 6: line 7: entry is not the log's entry 6");
    }

    @Test
    void verifyLogNamesReorderedEntries() throws IOException {
        // Whole lines swapped.
        List<String> lines = new ArrayList<>(goldenLines);
        Collections.swap(lines, 3, 9);
        Run swappedLines = verifyLog(write("swapped-lines.ndjson", lines));
        assertThat(swappedLines.exitCode()).isEqualTo(1);
        assertThat(swappedLines.out()).contains("FAILED: first bad entry: index 3: line 4 should hold entry 3 but holds index 9");
        // Only the entry texts swapped.
        List<String> texts = new ArrayList<>(goldenLines);
        texts.set(3, withEntry(goldenLines.get(3), TestData.GOLDEN_ENTRIES.get(9)));
        texts.set(9, withEntry(goldenLines.get(9), TestData.GOLDEN_ENTRIES.get(3)));
        Run swappedTexts = verifyLog(write("swapped-texts.ndjson", texts));
        assertThat(swappedTexts.exitCode()).isEqualTo(1);
        assertThat(swappedTexts.out()).contains("FAILED: first bad entry: index 3:");
        // Adjacent entries swapped with their index members rewritten.
        List<String> adjacent = new ArrayList<>(goldenLines);
        adjacent.set(12, withIndex(goldenLines.get(13), 12));
        adjacent.set(13, withIndex(goldenLines.get(12), 13));
        Run swappedAdjacent = verifyLog(write("swapped-adjacent.ndjson", adjacent));
        assertThat(swappedAdjacent.exitCode()).isEqualTo(1);
        assertThat(swappedAdjacent.out()).contains("FAILED: first bad entry: index 12:");
    }

    @Test
    void verifyLogNamesInsertedAndAppendedEntries() throws IOException {
        List<String> inserted = new ArrayList<>(goldenLines);
        inserted.add(4, new ExportRecord(4, "extra", List.of()).toJsonLine());
        Run insertion = verifyLog(write("inserted.ndjson", inserted));
        assertThat(insertion.exitCode()).isEqualTo(1);
        assertThat(insertion.out()).contains("FAILED: first bad entry: index 4:");

        List<String> appended = new ArrayList<>(goldenLines);
        appended.add(new ExportRecord(15, "sixteen", List.of()).toJsonLine());
        Run appendix = verifyLog(write("appended.ndjson", appended));
        assertThat(appendix.exitCode()).isEqualTo(1);
        assertThat(appendix.out()).contains("FAILED: first bad entry: index 15:").contains("beyond the checkpoint");
    }

    @Test
    void verifyLogFindsTheFirstBadEntryInALargerLogOfJsonEntries() throws IOException {
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            entries.add("{\"seq\":" + i + ",\"event\":\"dataset.shared\",\"dept\":\"d" + (i % 7) + "\",\"note\":\"caf\u00e9 \\\"q\\\"\"}");
        }
        Log log = Log.of(entries);
        NoteSigner signer = NoteSigner.generate("govdx.example/audit");
        Path checkpoint = write("audit.checkpoint", log.signedCheckpoint("govdx.example/audit", signer, 1000));
        String vkey = signer.verifier().encode();
        Path genuine = write("audit.ndjson", log.exportLines());
        assertThat(run("verify-log", "--vkey", vkey, "--checkpoint", checkpoint.toString(), "--entries", genuine.toString())
                .exitCode()).isEqualTo(0);
        assertThat(run("verify-entries", "--vkey", vkey, "--checkpoint", checkpoint.toString(), "--entries", genuine.toString())
                .out()).contains("1000 entries verified");

        List<String> tampered = new ArrayList<>(log.exportLines());
        tampered.set(777, withEntry(tampered.get(777), entries.get(777).replace("d0", "d1")));
        tampered.remove(900);
        Run result = run("verify-log", "--vkey", vkey, "--checkpoint", checkpoint.toString(), "--entries",
                write("audit-tampered.ndjson", tampered).toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("first bad entry: index 777:");
    }

    // ---- verify-consistency -----------------------------------------------------------------------------

    Path checkpointFile(int size) {
        return TestData.goldenLogDir().resolve("checkpoint." + size);
    }

    Run verifyConsistency(Path older, Path newer, Path proof) {
        return run("verify-consistency", "--vkey", TestData.GOLDEN_VKEY, "--old", older.toString(), "--new",
                newer.toString(), "--proof", proof.toString());
    }

    @Test
    void verifyConsistencyAcceptsEveryProofFormat() throws IOException {
        Log log = Log.of(TestData.GOLDEN_ENTRIES);
        List<String> proof = log.proofs().consistencyProof(5, 15).stream().map(StrictBase64::encode).toList();
        Path lines = write("proof.txt", String.join("\n", proof) + "\n");
        Path array = write("proof.json", "[\"" + String.join("\",\"", proof) + "\"]");
        Path object = write("proof-object.json", "{\"size1\":5,\"size2\":15,\"consistencyProof\":[\"" + String.join("\",\"", proof) + "\"]}");
        for (Path file : List.of(lines, array, object)) {
            Run result = verifyConsistency(checkpointFile(5), checkpointFile(15), file);
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(0);
            assertThat(result.out()).contains("OK: the log only grew: the tree of size 5 is a prefix of the tree of size 15");
        }
    }

    @Test
    void verifyConsistencyAcceptsGrowthFromEmptyAndNoGrowth() throws IOException {
        Path empty = write("empty.txt", "");
        assertThat(verifyConsistency(checkpointFile(0), checkpointFile(15), empty).exitCode()).isEqualTo(0);
        assertThat(verifyConsistency(checkpointFile(9), checkpointFile(9), empty).exitCode()).isEqualTo(0);
    }

    @Test
    void verifyConsistencyRejectsBadProofsShrinkingAndForks() throws IOException {
        Log log = Log.of(TestData.GOLDEN_ENTRIES);
        List<String> proof = log.proofs().consistencyProof(5, 15).stream().map(StrictBase64::encode).toList();
        Path good = write("proof.txt", String.join("\n", proof) + "\n");

        Path wrongSizes = write("proof-6.txt", log.proofs().consistencyProof(6, 15).stream().map(StrictBase64::encode)
                .collect(Collectors.joining("\n")));
        Run wrong = verifyConsistency(checkpointFile(5), checkpointFile(15), wrongSizes);
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.out()).contains("FAILED: the log did not only grow from size 5 to 15");

        Run shrank = verifyConsistency(checkpointFile(15), checkpointFile(5), good);
        assertThat(shrank.exitCode()).isEqualTo(1);
        assertThat(shrank.out()).contains("shrank");

        // A fork: the same key signs a size-15 tree in which entry 3 differs.
        List<String> forkedEntries = new ArrayList<>(TestData.GOLDEN_ENTRIES);
        forkedEntries.set(3, "FOUR");
        Log fork = Log.of(forkedEntries);
        NoteSigner key = NoteSigner.parse(TestData.GOLDEN_SKEY);
        Path forked = write("forked.checkpoint", fork.signedCheckpoint(TestData.GOLDEN_ORIGIN, key, 15));
        Path forkProof = write("fork-proof.txt", fork.proofs().consistencyProof(5, 15).stream().map(StrictBase64::encode)
                .collect(Collectors.joining("\n")));
        for (Path p : List.of(good, forkProof)) {
            Run result = verifyConsistency(checkpointFile(5), forked, p);
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
            assertThat(result.out()).contains("did not only grow");
        }

        Path garbage = write("garbage.txt", "not base64!\n");
        Run malformed = verifyConsistency(checkpointFile(5), checkpointFile(15), garbage);
        assertThat(malformed.exitCode()).isEqualTo(1);
        assertThat(malformed.out()).contains("malformed consistency proof file");
    }

    // ---- usage ------------------------------------------------------------------------------------------

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(run().exitCode()).isEqualTo(2);
        assertThat(run("--help").err()).contains("usage:");
        assertThat(run("verify-everything").err()).contains("unknown command");
        assertThat(run("verify-log", "--vkey", TestData.GOLDEN_VKEY).err()).contains("needs --checkpoint");
        assertThat(run("verify-log", "--vkey", "not-a-key-or-file", "--checkpoint", "c", "--entries", "e").exitCode()).isEqualTo(2);
        assertThat(run("verify-log", "--vkey", TestData.GOLDEN_VKEY, "--checkpoint", "/nonexistent/checkpoint",
                "--entries", "e").exitCode()).isEqualTo(2);
        assertThat(run("verify-log", "--vkey", TestData.GOLDEN_VKEY, "--bogus", "x").err()).contains("unexpected argument");
        assertThat(run("verify-log", "--vkey", "a+b+c", "--checkpoint", "c", "--entries", "e").err()).contains("bad --vkey");
    }
}
