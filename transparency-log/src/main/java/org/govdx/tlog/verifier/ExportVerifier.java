package org.govdx.tlog.verifier;

import org.govdx.tlog.Checkpoint;
import org.govdx.tlog.CompactRange;
import org.govdx.tlog.ExportRecord;
import org.govdx.tlog.ProofVerifier;
import org.govdx.tlog.VerificationException;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * Checks an NDJSON export ({@link ExportRecord} per line) against a verified checkpoint, streaming, so
 * exports of millions of entries need little memory. Blank lines are ignored; line numbers count from 1.
 */
final class ExportVerifier {

    private final Checkpoint checkpoint;

    ExportVerifier(Checkpoint checkpoint) {
        this.checkpoint = checkpoint;
    }

    /**
     * verify-entries: every record's inclusion proof must prove its entry at its index in the checkpoint's tree.
     * The export may hold any subset of the log. Fails at the first record (in file order) that does not verify.
     */
    Finding verifyEntries(Path export) throws IOException {
        long count = 0;
        long lowest = Long.MAX_VALUE;
        long highest = -1;
        try (BufferedReader reader = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            long lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                ExportRecord record;
                try {
                    record = ExportRecord.parse(line);
                } catch (IllegalArgumentException e) {
                    return Finding.failure("line " + lineNumber + " is not a valid export record: " + e.getMessage());
                }
                if (!record.hasInclusionProof()) {
                    return Finding.badEntry(record.index(), "line " + lineNumber + " carries no inclusion proof");
                }
                try {
                    ProofVerifier.checkInclusion(record.index(), checkpoint.size(), record.leafHash(),
                            record.inclusionProof(), checkpoint.rootHash());
                } catch (VerificationException e) {
                    return Finding.badEntry(record.index(), "line " + lineNumber
                            + ": entry is not in the log at this index (" + e.getMessage() + ")");
                }
                count++;
                lowest = Math.min(lowest, record.index());
                highest = Math.max(highest, record.index());
            }
        }
        return Finding.success(count == 0 ? "the export holds no entries"
                : count + " entries verified against the checkpoint (indices " + lowest + ".." + highest + ")");
    }

    /**
     * verify-log: the export must hold exactly the entries 0..size-1 in order, and their recomputed tree must
     * have the checkpoint's root. On a mismatch, {@link #locateFirstBadEntry} names the first bad index.
     */
    Finding verifyLog(Path export) throws IOException {
        CompactRange tree = new CompactRange();
        boolean wellFormed = true;
        try (BufferedReader reader = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null && wellFormed; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    ExportRecord record = ExportRecord.parse(line);
                    wellFormed = record.index() == tree.size() && tree.size() < checkpoint.size();
                    tree.append(record.leafHash());
                } catch (IllegalArgumentException e) {
                    wellFormed = false;
                }
            }
        }
        if (wellFormed && tree.size() == checkpoint.size() && MessageDigest.isEqual(tree.rootHash(), checkpoint.rootHash())) {
            return Finding.success("all " + tree.size() + " entries present, in order, and their tree has the checkpoint's root");
        }
        return locateFirstBadEntry(export);
    }

    /**
     * Finds the first position k whose line is not the log's entry k. Positions are authoritative, not the
     * records' index members: line k (k-th record) must carry index k and an inclusion proof that proves its
     * entry at index k against the signed root. A record that passes is the genuine entry k (the proof is
     * checked against the signed root), so the first record that fails is the first bad position:
     * an edited entry fails its proof; a deleted entry makes the next record sit one position early;
     * reordered entries put a record at a position whose index it does not have (or, if the index members
     * were rewritten too, at a position its proof does not prove). An export that ends early misses
     * entry {@code count}; one that runs on has a bad entry at {@code size}.
     */
    Finding locateFirstBadEntry(Path export) throws IOException {
        long position = 0;
        try (BufferedReader reader = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            long lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                ExportRecord record;
                try {
                    record = ExportRecord.parse(line);
                } catch (IllegalArgumentException e) {
                    return Finding.badEntry(position, "line " + lineNumber + " is not a valid export record: " + e.getMessage());
                }
                if (position >= checkpoint.size()) {
                    return Finding.badEntry(position, "line " + lineNumber + " is beyond the checkpoint's "
                            + checkpoint.size() + " entries (entries added or duplicated)");
                }
                if (record.index() != position) {
                    return Finding.badEntry(position, "line " + lineNumber + " should hold entry " + position
                            + " but holds index " + record.index() + " (entries deleted, inserted or reordered)");
                }
                if (!record.hasInclusionProof()) {
                    return Finding.failure("the entries' tree does not match the checkpoint; entries 0.." + (position - 1)
                            + " verified, but line " + lineNumber + " carries no inclusion proof, so the first bad entry"
                            + " is at index " + position + " or later");
                }
                try {
                    ProofVerifier.checkInclusion(position, checkpoint.size(), record.leafHash(),
                            record.inclusionProof(), checkpoint.rootHash());
                } catch (VerificationException e) {
                    return Finding.badEntry(position, "line " + lineNumber + ": entry is not the log's entry "
                            + position + " (" + e.getMessage() + ")");
                }
                position++;
            }
        }
        if (position < checkpoint.size()) {
            return Finding.badEntry(position, "the export ends after " + position + " entries but the checkpoint has "
                    + checkpoint.size() + " (entries deleted)");
        }
        return Finding.failure("every entry verified but the recomputed root differs: the export changed while being read");
    }

    /**
     * verify-log --old: the export (already verified against the current checkpoint) must give, over its first
     * {@code older.size()} entries, the root of the older checkpoint the auditor saved: then the log only grew since.
     * If not, the log was rewritten below that size; with the export saved alongside the older checkpoint
     * ({@code olderExport}, its entries proved against it), the first index whose entry differs is named.
     */
    Finding grewFrom(Checkpoint older, Path export, Path olderExport, Finding current) throws IOException {
        if (older.size() > checkpoint.size()) {
            return Finding.failure("the log shrank: the saved checkpoint has " + older.size() + " entries, the current one "
                    + checkpoint.size());
        }
        CompactRange prefix = new CompactRange();
        try (BufferedReader reader = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null && prefix.size() < older.size(); line = reader.readLine()) {
                if (!line.isBlank()) {
                    prefix.append(ExportRecord.parse(line).leafHash());
                }
            }
        }
        if (MessageDigest.isEqual(prefix.rootHash(), older.rootHash())) {
            return Finding.success(current.message() + "; the log only grew since the saved checkpoint of size " + older.size());
        }
        String rewritten = "the log was rewritten: its first " + older.size() + " entries no longer give the root of the saved checkpoint of size "
                + older.size() + " (the current checkpoint was signed over a different history)";
        if (olderExport == null) {
            return Finding.failure(rewritten + "; give --old-entries (the export saved with that checkpoint) to name the first rewritten entry");
        }
        try (BufferedReader now = Files.newBufferedReader(export, StandardCharsets.UTF_8);
             BufferedReader then = Files.newBufferedReader(olderExport, StandardCharsets.UTF_8)) {
            for (long k = 0; k < older.size(); k++) {
                ExportRecord after = nextRecord(now);
                ExportRecord before;
                try {
                    before = nextRecord(then);
                } catch (IllegalArgumentException e) {
                    return Finding.failure(rewritten + "; the saved export is unreadable at entry " + k + ": " + e.getMessage());
                }
                if (before == null || before.index() != k || !before.hasInclusionProof()) {
                    return Finding.failure(rewritten + "; the saved export has no proved entry " + k + ", so it cannot say which entry");
                }
                try {
                    ProofVerifier.checkInclusion(k, older.size(), before.leafHash(), before.inclusionProof(), older.rootHash());
                } catch (VerificationException e) {
                    return Finding.failure(rewritten + "; the saved export's entry " + k + " does not verify against the saved checkpoint");
                }
                if (!MessageDigest.isEqual(before.leafHash(), after.leafHash())) {
                    return Finding.badEntry(k, rewritten + "; entry " + k + " is not the entry the saved checkpoint proved at that index");
                }
            }
        }
        return Finding.failure(rewritten);
    }

    private static ExportRecord nextRecord(BufferedReader reader) throws IOException {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (!line.isBlank()) {
                return ExportRecord.parse(line);
            }
        }
        return null;
    }
}
