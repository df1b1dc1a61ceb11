package org.govdx.tlog;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Locale;

/**
 * A C2SP signed-note verifier key for Ed25519 (https://c2sp.org/signed-note), in its text form
 * {@code <name>+<key hash, 8 hex digits>+<base64(0x01 ‖ 32-byte public key)>}, e.g.
 * {@code example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx}.
 * The key hash is the first 4 bytes (big-endian) of SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key).
 */
public final class NoteVerifier {

    /** Signature type byte of Ed25519 in signed notes. */
    static final byte ALGORITHM_ED25519 = 0x01;

    private final String name;
    private final int keyHash;
    private final byte[] publicKey;
    private final PublicKey jcaKey;

    private NoteVerifier(String name, byte[] publicKey) {
        requireValidKeyName(name);
        this.name = name;
        this.publicKey = publicKey.clone();
        this.jcaKey = Ed25519.publicKey(publicKey);
        this.keyHash = keyHash(name, this.publicKey);
    }

    /** The verifier for a raw 32-byte Ed25519 public key under the key name {@code name}. */
    public static NoteVerifier ofEd25519(String name, byte[] publicKey) {
        return new NoteVerifier(name, publicKey);
    }

    /** Parses a verifier key {@code name+hash+base64key}; throws {@link IllegalArgumentException} if malformed or the hash does not match. */
    public static NoteVerifier parse(String vkey) {
        String[] parts = splitKey(vkey, 3, "verifier key");
        byte[] typedKey = StrictBase64.decode(parts[2]);
        if (typedKey.length != 1 + Ed25519.KEY_SIZE || typedKey[0] != ALGORITHM_ED25519) {
            throw new IllegalArgumentException("verifier key is not an Ed25519 key (0x01 followed by 32 bytes)");
        }
        NoteVerifier verifier = new NoteVerifier(parts[0], Arrays.copyOfRange(typedKey, 1, typedKey.length));
        if (verifier.keyHash != parseKeyHash(parts[1])) {
            throw new IllegalArgumentException("verifier key hash " + parts[1] + " does not match its name and key");
        }
        return verifier;
    }

    public String name() {
        return name;
    }

    /** The 32-bit key hash that signature lines carry in their first 4 bytes. */
    public int keyHash() {
        return keyHash;
    }

    /** {@code name+hash}, how signature lines and error messages identify the key. */
    public String keyId() {
        return name + "+" + formatKeyHash(keyHash);
    }

    /** The raw 32-byte Ed25519 public key. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The text form {@code name+hash+base64(0x01 ‖ key)}. */
    public String encode() {
        return name + "+" + formatKeyHash(keyHash) + "+" + StrictBase64.encode(typed(publicKey));
    }

    /** Whether {@code signature} (64 bytes, without the key hash) is this key's Ed25519 signature of {@code message}. */
    public boolean verify(byte[] message, byte[] signature) {
        return Ed25519.verify(jcaKey, message, signature);
    }

    @Override
    public String toString() {
        return encode();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NoteVerifier that && name.equals(that.name) && Arrays.equals(publicKey, that.publicKey);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(publicKey);
    }

    /** The C2SP key hash of an Ed25519 key: first 4 bytes of SHA-256(name ‖ "\n" ‖ 0x01 ‖ publicKey), big-endian. */
    static int keyHash(String name, byte[] publicKey) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer input = ByteBuffer.allocate(nameBytes.length + 2 + publicKey.length);
        input.put(nameBytes).put((byte) '\n').put(ALGORITHM_ED25519).put(publicKey);
        return ByteBuffer.wrap(MerkleHashes.sha256(input.array())).getInt();
    }

    static byte[] typed(byte[] key) {
        byte[] typedKey = new byte[key.length + 1];
        typedKey[0] = ALGORITHM_ED25519;
        System.arraycopy(key, 0, typedKey, 1, key.length);
        return typedKey;
    }

    static String formatKeyHash(int keyHash) {
        return String.format(Locale.ROOT, "%08x", keyHash);
    }

    static int parseKeyHash(String hex) {
        if (hex.length() != 8 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("key hash must be 8 hex digits: " + hex);
        }
        return Integer.parseUnsignedInt(hex, 16);
    }

    /**
     * Splits {@code key} at its first {@code parts - 1} plus signs (the last part, base64, may contain '+').
     */
    static String[] splitKey(String key, int parts, String what) {
        if (key == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        String[] result = key.split("\\+", parts);
        if (result.length != parts) {
            throw new IllegalArgumentException(what + " must have the form " + (parts == 3 ? "name+hash+key" : "PRIVATE+KEY+name+hash+key"));
        }
        return result;
    }

    /**
     * A key name (and signer name in signature lines): non-empty, no Unicode white space and no '+'.
     */
    static boolean isValidKeyName(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            if (cp == '+' || Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85
                    || Character.isSurrogate((char) cp)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    static void requireValidKeyName(String name) {
        if (!isValidKeyName(name)) {
            throw new IllegalArgumentException("invalid key name (must be non-empty, without spaces or '+'): " + name);
        }
    }
}
