package org.govdx.exchange.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A VIEW page written in two steps ({@link PageBody}) is byte for byte the page written whole through the object
 * mapper, with the SHA-256 of those bytes; a hosted value's text ({@code data ->> 'field'}) typed by its catalog type
 * ({@link HostedColumns#typed}) is the value that was stored, and text that does not read as its type stays text.
 */
class PageBodyProperties {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final List<String> FIELDS = List.of("resident_id", "name", "income", "household_size", "active", "note");

    @Property(tries = 300)
    void aPageWrittenInTwoStepsIsThePageWrittenWhole(@ForAll("rows") List<Map<String, Object>> rows, @ForAll("cursors") String cursor,
                                                     @ForAll("quotas") Long quotaRemaining) throws Exception {
        UUID agreement = UUID.randomUUID();
        List<Object[]> values = rows.stream().map(r -> r.values().toArray()).toList();
        PageBody.Finished finished = PageBody.of(MAPPER, agreement, FIELDS, values)
                .finish(cursor, quotaRemaining == null ? OptionalLong.empty() : OptionalLong.of(quotaRemaining));

        Map<String, Object> whole = new LinkedHashMap<>();
        whole.put("agreementId", agreement.toString());
        whole.put("fields", FIELDS);
        whole.put("rows", rows);
        whole.put("nextCursor", cursor);
        if (quotaRemaining != null) {
            whole.put("quotaRemaining", quotaRemaining);
        }
        byte[] expected = MAPPER.writeValueAsBytes(whole);
        assertThat(new String(finished.bytes(), StandardCharsets.UTF_8)).isEqualTo(new String(expected, StandardCharsets.UTF_8));
        assertThat(finished.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(expected)));
    }

    @Property(tries = 300)
    void aHostedValueTypedByItsFieldIsTheStoredValue(@ForAll long integer, @ForAll("decimals") BigDecimal decimal, @ForAll boolean flag,
                                                     @ForAll("texts") String text) {
        assertThat(HostedColumns.typed(Long.toString(integer), "INTEGER")).isEqualTo(integer);
        assertThat(HostedColumns.typed(decimal.toPlainString(), "DECIMAL")).isEqualTo(decimal);
        assertThat(HostedColumns.typed(Boolean.toString(flag), "BOOLEAN")).isEqualTo(flag);
        assertThat(HostedColumns.typed(text, "STRING")).isEqualTo(text);
        assertThat(HostedColumns.typed(text, "DATE")).isEqualTo(text);
        assertThat(HostedColumns.typed(null, "INTEGER")).isNull();
        // text that is no number stays text, so a format-aware mask redacts it rather than a parse failing the read
        assertThat(HostedColumns.typed("x" + text, "INTEGER")).isEqualTo("x" + text);
        assertThat(HostedColumns.typed("x" + text, "DECIMAL")).isEqualTo("x" + text);
    }

    @Provide
    Arbitrary<BigDecimal> decimals() {
        return Arbitraries.bigDecimals().ofScale(3).between(new BigDecimal("-1000000"), new BigDecimal("1000000"));
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars("ab王李 \"\\0123456789.-").ofMaxLength(12);
    }

    @Provide
    Arbitrary<List<Map<String, Object>>> rows() {
        Arbitrary<Object> value = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).map(s -> (Object) s),
                Arbitraries.strings().withChars("王李张小明江苏省*\"\\\n\u2028").ofMaxLength(8).map(s -> (Object) s),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.bigDecimals().ofScale(2).between(new BigDecimal("-1000000"), new BigDecimal("1000000")).map(d -> (Object) d),
                Arbitraries.of(Boolean.TRUE, Boolean.FALSE).map(b -> (Object) b),
                Arbitraries.just(null));
        Arbitrary<Map<String, Object>> row = value.list().ofSize(FIELDS.size()).map(values -> {
            Map<String, Object> r = new LinkedHashMap<>();
            for (int i = 0; i < FIELDS.size(); i++) {
                r.put(FIELDS.get(i), values.get(i));
            }
            return r;
        });
        return row.list().ofMaxSize(20).map(ArrayList::new);
    }

    @Provide
    Arbitrary<String> cursors() {
        return Arbitraries.oneOf(Arbitraries.strings().withChars("abcXYZ0189-_").ofMinLength(1).ofMaxLength(12), Arbitraries.just(null));
    }

    @Provide
    Arbitrary<Long> quotas() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, Long.MAX_VALUE).map(l -> (Long) l), Arbitraries.just(null));
    }
}
