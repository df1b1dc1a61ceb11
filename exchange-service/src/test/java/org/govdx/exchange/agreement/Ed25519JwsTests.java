package org.govdx.exchange.agreement;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Ed25519JwsTests {

    private static final byte[] DOCUMENT = "{\"consumerDepartment\":\"hrss\",\"id\":\"a-1\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void anIndependentJoseLibraryVerifiesOurSignatureFromTheJwkAlone() throws Exception {
        KeyPair pair = SealedKeys.generate();
        String jws = Ed25519Jws.sign(DOCUMENT, pair.getPrivate(), "hrss-1", Map.of("govdx.signer", "hrss-cdo"));
        Map<String, Object> jwks = Map.of("keys", List.of(Ed25519Jws.jwk("hrss-1", Ed25519Jws.raw(pair.getPublic()))));

        JWKSet set = JWKSet.parse(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(jwks));
        JWSObject parsed = JWSObject.parse(jws);
        JWK key = set.getKeyByKeyId(parsed.getHeader().getKeyID());
        assertThat(parsed.verify(new Ed25519Verifier((OctetKeyPair) key))).isTrue();
        assertThat(parsed.getPayload().toBytes()).isEqualTo(DOCUMENT);
        assertThat(parsed.getHeader().getCustomParam("govdx.signer")).isEqualTo("hrss-cdo");
    }

    @Test
    void aChangedDocumentOrAnotherKeyFailsVerification() {
        KeyPair pair = SealedKeys.generate();
        String jws = Ed25519Jws.sign(DOCUMENT, pair.getPrivate(), "k", Map.of());
        String[] parts = jws.split("\\.");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString("{\"id\":\"a-2\"}".getBytes()) + "." + parts[2];
        assertThatThrownBy(() -> Ed25519Jws.verify(tampered, Ed25519Jws.raw(pair.getPublic()))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ed25519Jws.verify(jws, Ed25519Jws.raw(SealedKeys.generate().getPublic()))).isInstanceOf(IllegalArgumentException.class);
        assertThat(Ed25519Jws.verify(jws, Ed25519Jws.raw(pair.getPublic())).payload()).isEqualTo(DOCUMENT);
    }

    @Property(tries = 50)
    void everyPayloadRoundTrips(@ForAll byte[] payload) {
        KeyPair pair = SealedKeys.generate();
        String jws = Ed25519Jws.sign(payload, pair.getPrivate(), "k", Map.of());
        assertThat(Ed25519Jws.verify(jws, Ed25519Jws.raw(pair.getPublic())).payload()).isEqualTo(payload);
    }

    @Test
    void sealedKeysOpenOnlyUnderTheSameMasterKeyAndKeyId() {
        SealedKeys keys = new SealedKeys(Base64.getEncoder().encodeToString(new byte[32]));
        KeyPair pair = SealedKeys.generate();
        byte[] sealed = keys.seal(pair.getPrivate(), "health-1");
        assertThat(keys.open(sealed, "health-1").getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(new String(pair.getPrivate().getEncoded(), StandardCharsets.ISO_8859_1).substring(16));
        assertThatThrownBy(() -> keys.open(sealed, "health-2")).isInstanceOf(IllegalStateException.class);
        byte[] other = new byte[32];
        other[0] = 1;
        assertThatThrownBy(() -> new SealedKeys(Base64.getEncoder().encodeToString(other)).open(sealed, "health-1")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SealedKeys(Base64.getEncoder().encodeToString(new byte[16]))).isInstanceOf(IllegalArgumentException.class);
    }
}
