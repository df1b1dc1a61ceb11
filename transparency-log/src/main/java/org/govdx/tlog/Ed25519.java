package org.govdx.tlog;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchProviderException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

/** Ed25519 with the JDK's provider, on raw 32-byte keys and seeds as signed notes carry them. */
final class Ed25519 {

    static final int KEY_SIZE = 32;
    static final int SIGNATURE_SIZE = 64;

    /** DER prefix of a PKCS#8 Ed25519 private key, followed by the 32-byte seed. */
    private static final byte[] PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");
    /** DER prefix of an X.509 SubjectPublicKeyInfo Ed25519 key, followed by the 32-byte public key. */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private Ed25519() {
    }

    static PrivateKey privateKeyFromSeed(byte[] seed) {
        requireLength(seed, "Ed25519 seed");
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(concat(PKCS8_PREFIX, seed)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK cannot load an Ed25519 private key", e);
        }
    }

    static PublicKey publicKey(byte[] rawPublicKey) {
        requireLength(rawPublicKey, "Ed25519 public key");
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(concat(X509_PREFIX, rawPublicKey)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a valid Ed25519 public key", e);
        }
    }

    /** A fresh key pair: {@code [seed, rawPublicKey]}. */
    static byte[][] generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return new byte[][] {rawSeed(pair.getPrivate()), rawPublicKey(pair.getPublic())};
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK cannot generate Ed25519 keys", e);
        }
    }

    /**
     * The public key of a seed. Java 17 has no API for this, but its Ed25519 key-pair generator draws exactly
     * the 32-byte seed from its random source and derives the public key from it (RFC 8032 §5.1.5), so a
     * random source that yields the seed gives the pair. The result is checked: the generated private key must
     * encode the same seed.
     */
    static byte[] publicKeyFromSeed(byte[] seed) {
        requireLength(seed, "Ed25519 seed");
        try {
            KeyPairGenerator generator = jdkKeyPairGenerator();
            generator.initialize(NamedParameterSpec.ED25519, new SeedSource(seed));
            KeyPair pair = generator.generateKeyPair();
            if (!Arrays.equals(rawSeed(pair.getPrivate()), seed)) {
                throw new IllegalStateException("JDK Ed25519 key generation did not use the given seed");
            }
            return rawPublicKey(pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK cannot derive an Ed25519 public key", e);
        }
    }

    /** The JDK's own (SunEC) generator, whose seed handling is known, unless the platform lacks it. */
    private static KeyPairGenerator jdkKeyPairGenerator() throws GeneralSecurityException {
        try {
            return KeyPairGenerator.getInstance("Ed25519", "SunEC");
        } catch (NoSuchProviderException e) {
            return KeyPairGenerator.getInstance("Ed25519");
        }
    }

    static byte[] sign(PrivateKey key, byte[] message) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    static boolean verify(PublicKey key, byte[] message, byte[] signature) {
        if (signature.length != SIGNATURE_SIZE) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static byte[] rawPublicKey(PublicKey key) {
        return stripPrefix(key.getEncoded(), X509_PREFIX, "X.509 Ed25519 public key");
    }

    private static byte[] rawSeed(PrivateKey key) {
        return stripPrefix(key.getEncoded(), PKCS8_PREFIX, "PKCS#8 Ed25519 private key");
    }

    private static byte[] stripPrefix(byte[] encoded, byte[] prefix, String what) {
        if (encoded == null || encoded.length != prefix.length + KEY_SIZE
                || !Arrays.equals(encoded, 0, prefix.length, prefix, 0, prefix.length)) {
            throw new IllegalStateException("unexpected encoding of " + what);
        }
        return Arrays.copyOfRange(encoded, prefix.length, encoded.length);
    }

    private static void requireLength(byte[] key, String what) {
        if (key == null || key.length != KEY_SIZE) {
            throw new IllegalArgumentException(what + " must be " + KEY_SIZE + " bytes");
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] result = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }

    /** A "random" source that hands out one given 32-byte seed, once. */
    private static final class SeedSource extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private transient byte[] seed;

        SeedSource(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (seed == null || bytes.length != seed.length) {
                throw new IllegalStateException("Ed25519 key generation asked for unexpected random bytes");
            }
            System.arraycopy(seed, 0, bytes, 0, seed.length);
            seed = null;
        }
    }
}
