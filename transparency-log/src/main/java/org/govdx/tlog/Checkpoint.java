package org.govdx.tlog;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A C2SP tlog checkpoint (https://c2sp.org/tlog-checkpoint): the log's commitment to its tree at one size.
 * Its body, which a {@link SignedNote} signs, is
 * <pre>
 * &lt;origin&gt;\n
 * &lt;tree size, decimal&gt;\n
 * &lt;base64 root hash&gt;\n
 * [extension lines, each ending in \n]
 * </pre>
 */
public final class Checkpoint {

    private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,18}");

    private final String origin;
    private final long size;
    private final byte[] rootHash;
    private final List<String> extensionLines;

    public Checkpoint(String origin, long size, byte[] rootHash, List<String> extensionLines) {
        if (origin == null || origin.isEmpty() || origin.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("checkpoint origin must be one non-empty line");
        }
        if (size < 0) {
            throw new IllegalArgumentException("negative checkpoint size " + size);
        }
        MerkleHashes.requireHash(rootHash, "checkpoint root hash");
        for (String line : extensionLines) {
            if (line == null || line.isEmpty() || line.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("checkpoint extension lines must be non-empty single lines");
            }
        }
        this.origin = origin;
        this.size = size;
        this.rootHash = rootHash.clone();
        this.extensionLines = List.copyOf(extensionLines);
    }

    public Checkpoint(String origin, long size, byte[] rootHash) {
        this(origin, size, rootHash, List.of());
    }

    /** Parses a checkpoint body (the text of its signed note); throws {@link IllegalArgumentException} if malformed. */
    public static Checkpoint parse(String body) {
        if (body == null || !body.endsWith("\n")) {
            throw new IllegalArgumentException("checkpoint body must end in a newline");
        }
        String[] lines = body.substring(0, body.length() - 1).split("\n", -1);
        if (lines.length < 3) {
            throw new IllegalArgumentException("checkpoint body needs origin, size and root hash lines");
        }
        if (!DECIMAL.matcher(lines[1]).matches()) {
            throw new IllegalArgumentException("checkpoint size is not a canonical decimal number: " + lines[1]);
        }
        long size;
        try {
            size = Long.parseLong(lines[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("checkpoint size out of range: " + lines[1], e);
        }
        byte[] root = StrictBase64.decode(lines[2]);
        return new Checkpoint(lines[0], size, root, Arrays.asList(lines).subList(3, lines.length));
    }

    /**
     * Verifies a signed checkpoint note and parses it.
     *
     * @param expectedOrigin the origin line the checkpoint must carry (the log's identity)
     * @param logKeys        the log's verifier key(s); at least one must have signed (see {@link SignedNote#open})
     */
    public static Checkpoint open(String signedNote, String expectedOrigin, List<NoteVerifier> logKeys)
            throws VerificationException {
        SignedNote note = SignedNote.open(signedNote, logKeys);
        Checkpoint checkpoint;
        try {
            checkpoint = parse(note.text());
        } catch (IllegalArgumentException e) {
            throw new VerificationException("malformed checkpoint: " + e.getMessage(), e);
        }
        if (!checkpoint.origin.equals(expectedOrigin)) {
            throw new VerificationException("checkpoint origin is \"" + checkpoint.origin + "\", expected \"" + expectedOrigin + "\"");
        }
        return checkpoint;
    }

    /** The body text that is signed. */
    public String body() {
        StringBuilder out = new StringBuilder()
                .append(origin).append('\n')
                .append(size).append('\n')
                .append(StrictBase64.encode(rootHash)).append('\n');
        for (String line : extensionLines) {
            out.append(line).append('\n');
        }
        return out.toString();
    }

    /** The signed checkpoint note, as published (e.g. the {@code checkpoint} file of a tiled log). */
    public String sign(NoteSigner... signers) {
        return SignedNote.sign(body(), signers).format();
    }

    public String origin() {
        return origin;
    }

    public long size() {
        return size;
    }

    public byte[] rootHash() {
        return rootHash.clone();
    }

    public List<String> extensionLines() {
        return extensionLines;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Checkpoint that && origin.equals(that.origin) && size == that.size
                && Arrays.equals(rootHash, that.rootHash) && extensionLines.equals(that.extensionLines);
    }

    @Override
    public int hashCode() {
        return Objects.hash(origin, size, Arrays.hashCode(rootHash), extensionLines);
    }

    @Override
    public String toString() {
        return "Checkpoint[" + origin + ", size " + size + ", root " + HexFormat.of().formatHex(rootHash) + "]";
    }
}
