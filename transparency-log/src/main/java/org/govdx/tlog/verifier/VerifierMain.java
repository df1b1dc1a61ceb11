package org.govdx.tlog.verifier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.govdx.tlog.Checkpoint;
import org.govdx.tlog.MerkleHashes;
import org.govdx.tlog.NoteVerifier;
import org.govdx.tlog.ProofVerifier;
import org.govdx.tlog.StrictBase64;
import org.govdx.tlog.VerificationException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The offline audit-log verifier: {@code java -jar govdx-audit-verifier.jar <command> [options]}.
 * Exit status 0 when everything verifies, 1 when something does not (the message says what, and for
 * entries names the first bad index), 2 for a usage error or an unreadable file.
 */
public final class VerifierMain {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private static final String USAGE_TEXT = String.join("\n",
            "usage: java -jar govdx-audit-verifier.jar <command> [options]",
            "",
            "commands:",
            "  verify-entries     --vkey <vkey|file> --checkpoint <file> --entries <export.ndjson> [--origin <origin>]",
            "      verify the checkpoint's signature, then each exported entry's inclusion proof",
            "  verify-consistency --vkey <vkey|file> --old <checkpoint file> --new <checkpoint file> --proof <file> [--origin <origin>]",
            "      verify both checkpoints and that the new tree extends the old one",
            "  verify-log         --vkey <vkey|file> --checkpoint <file> --entries <export.ndjson with all entries> [--origin <origin>]",
            "                     [--old <older checkpoint file> [--old-entries <the export saved with it>]]",
            "      recompute the whole tree from the entries and compare with the checkpoint; name the first bad entry;",
            "      with --old, also check that the log only grew since that saved checkpoint, or say where it was rewritten",
            "",
            "The checkpoint origin must equal the key name of --vkey unless --origin is given.",
            "Exit status: 0 verified, 1 verification failed, 2 usage error or unreadable file.");

    /** Options no command requires. */
    private static final Set<String> OPTIONAL = Set.of("origin", "old", "old-entries");

    /** Each command's options, in the order they are checked; all but {@link #OPTIONAL} are required. */
    private static final Map<String, List<String>> OPTIONS = Map.of(
            "verify-entries", List.of("vkey", "checkpoint", "entries", "origin"),
            "verify-consistency", List.of("vkey", "old", "new", "proof", "origin"),
            "verify-log", List.of("vkey", "checkpoint", "entries", "origin", "old", "old-entries"));

    private VerifierMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command; returns the exit status instead of exiting. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || !OPTIONS.containsKey(args[0])) {
            err.println(args.length == 0 || args[0].equals("--help") || args[0].equals("-h") ? USAGE_TEXT
                    : "unknown command: " + args[0] + "\n\n" + USAGE_TEXT);
            return USAGE;
        }
        String command = args[0];
        Map<String, String> options;
        NoteVerifier logKey;
        try {
            options = parseOptions(command, args);
            logKey = readVerifierKey(options.get("vkey"));
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage() + "\n\n" + USAGE_TEXT);
            return USAGE;
        } catch (IOException e) {
            err.println("error: cannot read " + e.getMessage());
            return USAGE;
        }
        String origin = options.getOrDefault("origin", logKey.name());
        try {
            Finding finding = switch (command) {
                case "verify-entries" -> verifyEntries(options, logKey, origin, out);
                case "verify-consistency" -> verifyConsistency(options, logKey, origin, out);
                case "verify-log" -> verifyLog(options, logKey, origin, out);
                default -> throw new IllegalStateException(command);
            };
            out.println((finding.ok() ? "OK: " : "FAILED: ") + finding.message());
            return finding.ok() ? OK : FAILED;
        } catch (VerificationException e) {
            out.println("FAILED: " + e.getMessage());
            return FAILED;
        } catch (IOException e) {
            err.println("error: cannot read " + e.getMessage());
            return USAGE;
        }
    }

    private static Finding verifyEntries(Map<String, String> options, NoteVerifier logKey, String origin, PrintStream out)
            throws IOException, VerificationException {
        Checkpoint checkpoint = openCheckpoint(options.get("checkpoint"), "checkpoint", logKey, origin, out);
        return new ExportVerifier(checkpoint).verifyEntries(Path.of(options.get("entries")));
    }

    private static Finding verifyLog(Map<String, String> options, NoteVerifier logKey, String origin, PrintStream out)
            throws IOException, VerificationException {
        Checkpoint checkpoint = openCheckpoint(options.get("checkpoint"), "checkpoint", logKey, origin, out);
        if (options.containsKey("old-entries") && !options.containsKey("old")) {
            throw new VerificationException("--old-entries needs --old, the checkpoint they were exported with");
        }
        Finding finding = new ExportVerifier(checkpoint).verifyLog(Path.of(options.get("entries")));
        if (!finding.ok() || !options.containsKey("old")) {
            return finding;
        }
        Checkpoint older = openCheckpoint(options.get("old"), "old checkpoint", logKey, origin, out);
        String oldEntries = options.get("old-entries");
        return new ExportVerifier(checkpoint).grewFrom(older, Path.of(options.get("entries")), oldEntries == null ? null : Path.of(oldEntries), finding);
    }

    private static Finding verifyConsistency(Map<String, String> options, NoteVerifier logKey, String origin, PrintStream out)
            throws IOException, VerificationException {
        Checkpoint older = openCheckpoint(options.get("old"), "old checkpoint", logKey, origin, out);
        Checkpoint newer = openCheckpoint(options.get("new"), "new checkpoint", logKey, origin, out);
        List<byte[]> proof;
        try {
            proof = readProof(Path.of(options.get("proof")));
        } catch (IllegalArgumentException e) {
            return Finding.failure("malformed consistency proof file: " + e.getMessage());
        }
        if (newer.size() < older.size()) {
            return Finding.failure("the log shrank from " + older.size() + " to " + newer.size() + " entries");
        }
        if (older.size() == 0) {
            // Every tree extends the empty tree; there is nothing to prove.
            if (!MessageDigest.isEqual(older.rootHash(), MerkleHashes.emptyRoot()) || !proof.isEmpty()) {
                return Finding.failure("a checkpoint of size 0 must have the empty-tree root and an empty proof");
            }
        } else {
            try {
                ProofVerifier.checkConsistency(older.size(), newer.size(), proof, older.rootHash(), newer.rootHash());
            } catch (VerificationException e) {
                return Finding.failure("the log did not only grow from size " + older.size() + " to " + newer.size()
                        + ": " + e.getMessage());
            }
        }
        return Finding.success("the log only grew: the tree of size " + older.size()
                + " is a prefix of the tree of size " + newer.size());
    }

    private static Checkpoint openCheckpoint(String file, String what, NoteVerifier logKey, String origin, PrintStream out)
            throws IOException, VerificationException {
        Checkpoint checkpoint;
        try {
            String note = decodeUtf8(Files.readAllBytes(Path.of(file)));
            checkpoint = Checkpoint.open(note, origin, List.of(logKey));
        } catch (VerificationException e) {
            throw new VerificationException(what + " " + file + ": " + e.getMessage(), e);
        }
        out.println("OK: " + what + " " + checkpoint.origin() + " size " + checkpoint.size() + " root "
                + StrictBase64.encode(checkpoint.rootHash()) + " signed by " + logKey.keyId());
        return checkpoint;
    }

    /**
     * A consistency proof file: a JSON array of base64 hashes, a JSON object with such an array under
     * "consistencyProof" or "proof", or one base64 hash per line (blank lines ignored).
     */
    static List<byte[]> readProof(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        List<String> encoded = new ArrayList<>();
        if (text.startsWith("[") || text.startsWith("{")) {
            JsonNode json;
            try {
                json = new ObjectMapper().readTree(text);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
            }
            if (json.isObject()) {
                json = json.has("consistencyProof") ? json.get("consistencyProof") : json.get("proof");
            }
            if (json == null || !json.isArray()) {
                throw new IllegalArgumentException("expected an array of base64 hashes");
            }
            for (JsonNode hash : json) {
                if (!hash.isTextual()) {
                    throw new IllegalArgumentException("expected an array of base64 hashes");
                }
                encoded.add(hash.textValue());
            }
        } else {
            for (String line : text.split("\n")) {
                if (!line.isBlank()) {
                    encoded.add(line.strip());
                }
            }
        }
        List<byte[]> proof = new ArrayList<>();
        for (String hash : encoded) {
            byte[] bytes = StrictBase64.decode(hash);
            if (bytes.length != MerkleHashes.HASH_SIZE) {
                throw new IllegalArgumentException("proof hash #" + proof.size() + " is not 32 bytes");
            }
            proof.add(bytes);
        }
        return proof;
    }

    /** The vkey itself, or the first non-blank line of the file it names. */
    private static NoteVerifier readVerifierKey(String vkeyOrFile) throws IOException {
        String vkey = vkeyOrFile;
        Path path = Path.of(vkeyOrFile);
        if (!vkeyOrFile.contains("+") || Files.isRegularFile(path)) {
            vkey = Files.readAllLines(path, StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(line -> !line.isEmpty()).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no verifier key in " + vkeyOrFile));
        }
        try {
            return NoteVerifier.parse(vkey);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad --vkey: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> parseOptions(String command, String[] args) {
        List<String> allowed = OPTIONS.get(command);
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (name == null || !allowed.contains(name)) {
                throw new IllegalArgumentException("unexpected argument for " + command + ": " + args[i]);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            if (options.put(name, args[i + 1]) != null) {
                throw new IllegalArgumentException("--" + name + " given twice");
            }
        }
        for (String name : allowed) {
            if (!OPTIONAL.contains(name) && !options.containsKey(name)) {
                throw new IllegalArgumentException(command + " needs --" + name);
            }
        }
        return options;
    }

    private static String decodeUtf8(byte[] bytes) throws VerificationException {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new VerificationException("not valid UTF-8");
        }
    }
}
