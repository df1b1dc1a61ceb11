package org.govdx.exchange.agreement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.govdx.common.json.CanonicalJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/**
 * JWS (RFC 7515) compact serialization with {@code alg: EdDSA} over Ed25519 (RFC 8037), as departments
 * sign agreements (DOMAIN rule 5): the payload is the agreement's RFC 8785 canonical bytes, the protected
 * header names the key ({@code kid}) and the signing person and time. Plain JDK crypto; any JOSE library
 * verifies the result with the published JWKS.
 */
public final class Ed25519Jws {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();
    /** DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519, followed by the 32 raw key bytes. */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private Ed25519Jws() {
    }

    /** Signs {@code payload} with {@code key}; {@code claims} go into the protected header beside alg and kid. */
    public static String sign(byte[] payload, PrivateKey key, String kid, Map<String, Object> claims) {
        ObjectNode header = JSON.createObjectNode();
        header.put("alg", "EdDSA");
        header.put("kid", kid);
        claims.forEach((name, value) -> header.set(name, JSON.valueToTree(value)));
        String signingInput = B64URL.encodeToString(CanonicalJson.bytes(header)) + "." + B64URL.encodeToString(payload);
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64URL.encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** A verified signature: its protected header and payload. */
    public record Verified(JsonNode header, byte[] payload) {
    }

    /** Verifies a compact JWS with a raw 32-byte Ed25519 public key; throws on any defect. */
    public static Verified verify(String jws, byte[] rawPublicKey) {
        String[] parts = jws.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a compact JWS");
        }
        try {
            JsonNode header = JSON.readTree(B64URL_DECODER.decode(parts[0]));
            if (!"EdDSA".equals(header.path("alg").asText())) {
                throw new IllegalArgumentException("unexpected alg " + header.path("alg").asText());
            }
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(publicKey(rawPublicKey));
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(B64URL_DECODER.decode(parts[2]))) {
                throw new IllegalArgumentException("signature does not verify");
            }
            return new Verified(header, B64URL_DECODER.decode(parts[1]));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid JWS: " + e.getMessage(), e);
        }
    }

    public static PublicKey publicKey(byte[] raw) throws GeneralSecurityException {
        if (raw.length != 32) {
            throw new GeneralSecurityException("an Ed25519 public key has 32 bytes");
        }
        byte[] encoded = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + 32);
        System.arraycopy(raw, 0, encoded, X509_PREFIX.length, 32);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
    }

    /** The raw 32 bytes of an Ed25519 public key. */
    public static byte[] raw(PublicKey key) {
        byte[] encoded = key.getEncoded();
        return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    }

    /** The public key as a JWK (RFC 8037) for the JWKS. */
    public static Map<String, String> jwk(String kid, byte[] rawPublicKey) {
        return Map.of("kty", "OKP", "crv", "Ed25519", "x", B64URL.encodeToString(rawPublicKey), "kid", kid, "use", "sig", "alg", "EdDSA");
    }
}
