package org.govdx.exchange.data;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A VIEW page written in two steps ({@link PageBody}) is byte for byte the page written whole through the object
 * mapper, with the SHA-256 of those bytes; a stored row read for some fields ({@link HostedValues}) gives those
 * fields exactly the values the whole row read as a JSON tree gives.
 */
class PageBodyProperties {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final List<String> FIELDS = List.of("resident_id", "name", "income", "household_size", "active", "note");

    @Property(tries = 300)
    void aPageWrittenInTwoStepsIsThePageWrittenWhole(@ForAll("rows") List<Map<String, Object>> rows, @ForAll("cursors") String cursor,
                                                     @ForAll("quotas") Long quotaRemaining) throws Exception {
        UUID agreement = UUID.randomUUID();
        PageBody.Finished finished = PageBody.of(MAPPER, agreement, FIELDS, rows)
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
    void aRowReadForSomeFieldsHasTheValuesOfTheWholeRow(@ForAll("storedRows") String stored, @ForAll("projections") List<String> projection) throws Exception {
        Map<String, Object> wanted = new HostedValues(MAPPER, projection).of(stored);
        Map<String, Object> whole = treeValues(stored);
        for (String f : projection) {
            assertThat(wanted.get(f)).as(f + " of " + stored).isEqualTo(whole.get(f));
        }
        assertThat(projection).containsAll(wanted.keySet());
    }

    /** How the read took a stored row before: the whole row as a tree, then each value by its node type. */
    static Map<String, Object> treeValues(String json) throws Exception {
        JsonNode node = MAPPER.readTree(json);
        Map<String, Object> row = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            Object value = v.isNull() ? null : v.isBoolean() ? (Object) v.booleanValue() : v.isIntegralNumber() ? (Object) v.longValue()
                    : v.isNumber() ? (Object) new BigDecimal(v.asText()) : v.asText();
            row.put(e.getKey(), value);
        }
        return row;
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

    @Provide
    Arbitrary<String> storedRows() {
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.strings().withChars("ab王李 \"\\").ofMaxLength(6).map(s -> quote(s)),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.of("12345678901234567890123", "-99999999999999999999"),
                Arbitraries.bigDecimals().ofScale(3).between(new BigDecimal("-100000"), new BigDecimal("100000")).map(BigDecimal::toPlainString),
                Arbitraries.of("1.50", "3034.28", "1e3", "2.5E-4", "0.1", "100.0"),
                Arbitraries.of("true", "false", "null", "{\"a\":[1,{\"b\":2}]}", "[1,\"x\",null]", "{}", "[]"));
        List<String> names = List.of("resident_id", "name", "income", "household_size", "active", "note", "other", "nested");
        return value.list().ofSize(names.size()).map(values -> {
            StringBuilder b = new StringBuilder("{");
            for (int i = 0; i < names.size(); i++) {
                b.append(i == 0 ? "" : ", ").append('"').append(names.get(i)).append("\": ").append(values.get(i));
            }
            return b.append('}').toString();
        });
    }

    @Provide
    Arbitrary<List<String>> projections() {
        return Arbitraries.of("resident_id", "name", "income", "household_size", "active", "note", "nested", "missing").list().uniqueElements().ofMinSize(1).ofMaxSize(6);
    }

    private static String quote(String s) {
        try {
            return MAPPER.writeValueAsString(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
