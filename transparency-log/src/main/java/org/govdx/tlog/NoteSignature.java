package org.govdx.tlog;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One signature line of a signed note: {@code — <name> <base64(key hash ‖ signature)>} (an em dash U+2014
 * and a space first). {@code signature} excludes the 4-byte key hash.
 */
public record NoteSignature(String name, int keyHash, byte[] signature) {

    /** The em dash and space that start every signature line. */
    public static final String LINE_PREFIX = "\u2014 ";

    public NoteSignature {
        NoteVerifier.requireValidKeyName(name);
        if (signature == null || signature.length == 0) {
            throw new IllegalArgumentException("signature is empty");
        }
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** The signature line, with its final newline. */
    public String line() {
        byte[] blob = ByteBuffer.allocate(4 + signature.length).putInt(keyHash).put(signature).array();
        return LINE_PREFIX + name + " " + StrictBase64.encode(blob) + "\n";
    }

    /** Parses a signature line without its newline; throws {@link IllegalArgumentException} if malformed. */
    public static NoteSignature parseLine(String line) {
        if (!line.startsWith(LINE_PREFIX)) {
            throw new IllegalArgumentException("signature line does not start with an em dash and a space");
        }
        String rest = line.substring(LINE_PREFIX.length());
        int space = rest.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("signature line has no signature after the key name");
        }
        String name = rest.substring(0, space);
        if (!NoteVerifier.isValidKeyName(name)) {
            throw new IllegalArgumentException("signature line has an invalid key name");
        }
        byte[] blob = StrictBase64.decode(rest.substring(space + 1));
        if (blob.length < 5) {
            throw new IllegalArgumentException("signature is too short");
        }
        ByteBuffer buffer = ByteBuffer.wrap(blob);
        int keyHash = buffer.getInt();
        return new NoteSignature(name, keyHash, Arrays.copyOfRange(blob, 4, blob.length));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NoteSignature that && name.equals(that.name) && keyHash == that.keyHash
                && Arrays.equals(signature, that.signature);
    }

    @Override
    public int hashCode() {
        return (name.hashCode() * 31 + keyHash) * 31 + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return line().strip();
    }
}
