package org.govdx.tlog;

import java.security.PrivateKey;
import java.util.Arrays;

/**
 * A C2SP signed-note Ed25519 signing key. Its text form (as produced by Go's {@code note.GenerateKey}) is
 * {@code PRIVATE+KEY+<name>+<key hash>+<base64(0x01 ‖ 32-byte seed)>}. Keep it secret; {@link #toString}
 * does not reveal it.
 */
public final class NoteSigner {

    private final String name;
    private final byte[] seed;
    private final PrivateKey privateKey;
    private final NoteVerifier verifier;

    private NoteSigner(String name, byte[] seed, byte[] publicKey) {
        this.name = name;
        this.seed = seed.clone();
        this.privateKey = Ed25519.privateKeyFromSeed(seed);
        this.verifier = NoteVerifier.ofEd25519(name, publicKey);
    }

    /**
     * Parses a signer key {@code PRIVATE+KEY+name+hash+base64(0x01 ‖ seed)}, derives its public key and checks
     * the key hash; throws {@link IllegalArgumentException} if malformed or the hash does not match.
     */
    public static NoteSigner parse(String skey) {
        String[] parts = NoteVerifier.splitKey(skey, 5, "signer key");
        if (!parts[0].equals("PRIVATE") || !parts[1].equals("KEY")) {
            throw new IllegalArgumentException("signer key must start with PRIVATE+KEY+");
        }
        NoteVerifier.requireValidKeyName(parts[2]);
        int keyHash = NoteVerifier.parseKeyHash(parts[3]);
        byte[] typedSeed = StrictBase64.decode(parts[4]);
        if (typedSeed.length != 1 + Ed25519.KEY_SIZE || typedSeed[0] != NoteVerifier.ALGORITHM_ED25519) {
            throw new IllegalArgumentException("signer key is not an Ed25519 key (0x01 followed by a 32-byte seed)");
        }
        byte[] seed = Arrays.copyOfRange(typedSeed, 1, typedSeed.length);
        NoteSigner signer = new NoteSigner(parts[2], seed, Ed25519.publicKeyFromSeed(seed));
        if (signer.keyHash() != keyHash) {
            throw new IllegalArgumentException("signer key hash " + parts[3] + " does not match its name and key");
        }
        return signer;
    }

    /** A new random key for the key name {@code name} (for a log, its origin). */
    public static NoteSigner generate(String name) {
        NoteVerifier.requireValidKeyName(name);
        byte[][] pair = Ed25519.generate();
        return new NoteSigner(name, pair[0], pair[1]);
    }

    public String name() {
        return name;
    }

    public int keyHash() {
        return verifier.keyHash();
    }

    /** The matching verifier key, to publish (e.g. {@code verifier().encode()}). */
    public NoteVerifier verifier() {
        return verifier;
    }

    /** The Ed25519 signature (64 bytes) of {@code message}. */
    public byte[] sign(byte[] message) {
        return Ed25519.sign(privateKey, message);
    }

    /** The secret text form {@code PRIVATE+KEY+name+hash+base64(0x01 ‖ seed)}. */
    public String encode() {
        return "PRIVATE+KEY+" + name + "+" + NoteVerifier.formatKeyHash(keyHash()) + "+"
                + StrictBase64.encode(NoteVerifier.typed(seed));
    }

    @Override
    public String toString() {
        return "NoteSigner[" + name + "+" + NoteVerifier.formatKeyHash(keyHash()) + "]";
    }
}
