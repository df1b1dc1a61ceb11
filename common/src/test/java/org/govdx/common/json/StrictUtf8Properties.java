package org.govdx.common.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link StrictUtf8} agrees with the JDK's strict UTF-8 decoder on every byte string, and the object mapper customised
 * by {@link StrictUtf8Json} refuses a body Jackson alone would have read.
 */
class StrictUtf8Properties {

    @Property(tries = 5000)
    void agreesWithTheJdkDecoderOnAnyBytes(@ForAll("utf8ish") byte[] bytes) {
        assertThat(StrictUtf8.isWellFormed(bytes, 0, bytes.length)).as(HexFormat.of().formatHex(bytes)).isEqualTo(jdkAccepts(bytes));
    }

    @Property(tries = 1000)
    void acceptsEveryStringWithoutLoneSurrogates(@ForAll String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8); // lone surrogates become '?': always well-formed
        assertThat(StrictUtf8.isWellFormed(bytes, 0, bytes.length)).isTrue();
    }

    @Example
    void refusesTheClassicMalformations() {
        for (String hex : new String[]{"c328", "ff", "eda080", "c0af", "e08080", "f4908080", "f5808080", "80", "e282", "f0908d"}) {
            byte[] bytes = HexFormat.of().parseHex(hex);
            assertThat(StrictUtf8.isWellFormed(bytes, 0, bytes.length)).as(hex).isFalse();
        }
    }

    @Example
    void theCustomisedMapperRefusesAnOverlongFormJacksonAloneReads() throws Exception {
        byte[] body = concat("{\"value\":\"a".getBytes(StandardCharsets.UTF_8), HexFormat.of().parseHex("c0af"), "\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(new ObjectMapper().readTree(body).path("value").asText()).isEqualTo("a/"); // what Jackson alone does: an overlong "/"
        ObjectMapper strict = new ObjectMapper();
        new StrictUtf8Json().customize(strict);
        assertThatThrownBy(() -> strict.readTree(body)).isInstanceOf(JsonParseException.class).hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> strict.readTree(new ByteArrayInputStream(body))).isInstanceOf(JsonParseException.class).hasMessageContaining("UTF-8");
        assertThat(strict.readTree("{\"value\":\"人社〔2026〕7号\"}".getBytes(StandardCharsets.UTF_8)).path("value").asText()).isEqualTo("人社〔2026〕7号");
    }

    @Provide
    Arbitrary<byte[]> utf8ish() {
        // mostly pieces of real UTF-8 with some bytes changed, so that both verdicts come up often
        Arbitrary<byte[]> text = Arbitraries.strings().all().ofMaxLength(12).map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(8);
        return Arbitraries.oneOf(text, noise, text.flatMap(t -> noise.map(n -> concat(t, n))),
                text.flatMap(t -> Arbitraries.integers().between(0, Math.max(0, t.length - 1)).flatMap(i -> Arbitraries.bytes().map(b -> {
                    byte[] copy = t.clone();
                    if (copy.length > 0) {
                        copy[i] = b;
                    }
                    return copy;
                }))));
    }

    private static boolean jdkAccepts(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
