package org.govdx.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.govdx.acceptance.OpenApiOperations.Operation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzing of every JSON operation and every query parameter of the three services, straight and through the
 * gateway, as the caller the authorization matrix lets furthest in. Broken bodies (malformed JSON, wrong types,
 * numbers out of range, deep nesting, invalid UTF-8, non-objects, bodies over the size limit) must each meet a 4xx
 * application/problem+json and write no row; odd but well-formed text (unicode edge cases, SQL and filter-expression
 * injection) in any string field, filter or search may be stored or refused, never a 5xx and never a row outside the
 * grant. Seeded; tries from {@code jqwik.tries.default} (CI: junit-platform.properties; longer: -Djqwik.tries.default=5000).
 */
class FuzzingIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static World world;
    static final AtomicLong tries = new AtomicLong();
    static final AtomicLong passed = new AtomicLong();
    static final AtomicLong stored = new AtomicLong();
    static final List<String> failures = Collections.synchronizedList(new ArrayList<>());

    enum Broken { TRUNCATED, MALFORMED, WRONG_TYPE, OUT_OF_RANGE, DEEP, INVALID_UTF8, NOT_AN_OBJECT, HUGE }

    static final List<String> MALFORMED = List.of("", "{", "}", "{\"a\":}", "{'a':'b'}", "{\"a\":1,}", "NaN", "{\"a\":1} {\"b\":2}",
            "/* c */ {}", "{\"a\" 1}", "\u0000", "{\"a\":\"\\x41\"}", "{\"a\":\"\\u12\"}", "[1,2", "{\"a\":tru}", "\uFEFF{\"a\":1");
    static final List<String> ODD_TEXT = List.of("\u0000", "a\u0000b", "\uD800", "\uDFFF\uD800", "\u202Eevil\u202C", "\u200B\u200D\uFEFF",
            "𝕏🇨🇳👩‍👩‍👧", "e\u0301\u0301\u0301", "\u0085\u2028\u2029", "ǅ", "İı", "\\", "\"", "'", "''", "%00", "%", "_", "*", "\t\n\r",
            "' OR '1'='1", "'; DROP TABLE dataset; --", "1' UNION SELECT password FROM pg_shadow --", "\" OR \"\"=\"", "$1", "${jndi:ldap://x/a}",
            "district_code = '320505' or 1 = 1", "district_code = '320506'", "income > 0", "ethnicity is not null", "district_code in (select 1)",
            "(((((((((((((((((((((((((((((((((((((((((x", "district_code = '320505' -- ", "district_code = '320505'; delete from hosted_row",
            "district_code like '%'", "name ~ '.*'", "x".repeat(5000), "中".repeat(3000), "\uFFFF\uFFFE", "<script>alert(1)</script>",
            "../../etc/passwd", "${7*7}", "#{7*7}", "{{7*7}}", "-1", "1e400", "NaN", "null", "[]", "{}");

    @BeforeContainer
    static void startStack() {
        world = World.shared();
    }

    @AfterContainer
    static void record() {
        Reliability.record(new Reliability.Result("2-fuzzing", "Fuzzing",
                "broken bodies (truncated, malformed, wrong types, out-of-range numbers, nesting 100,000 deep, invalid UTF-8, non-objects, "
                        + "11 MB) on every JSON operation; unicode edge cases and SQL/filter injection in every string field, filter, sort and "
                        + "search; junk in every query parameter; straight to the service and through the gateway (jqwik, seeded)",
                tries.get(), passed.get(), failures.isEmpty() ? "nothing" : failures.size() + " failures",
                List.of("broken bodies must each get a 4xx application/problem+json and leave every domain table's row count unchanged "
                                + "(checked around every try); odd text may be stored (" + stored.get() + " were) or refused, never a 5xx, "
                                + "and a read never returns a row or value outside the grant",
                        lineTooLong.get() + " requests with a query string over 4 KiB were refused by the HTTP layer with a bare 414 (not "
                                + "problem+json: Vert.x answers before any route)",
                        "11 MB bodies are refused with 413 before they are read; straight to the catalog and audit services the 413 is "
                                + "bare (no problem+json: Vert.x' global limit answers before the services' RequestBodyLimits): " + bare413
                                + "; " + closedWhileSending.get() + " times the server closed the connection after its 413 while the client was still sending",
                        "requests per operation: " + sentPerOperation,
                        failures.isEmpty() ? "no failures" : "first failures: " + String.join(" | ", failures.subList(0, Math.min(5, failures.size()))))));
    }

    static List<Operation> jsonOperations() {
        return OpenApiOperations.all().stream().filter(Operation::takesJson).toList();
    }

    @Provide
    Arbitrary<Operation> jsonOperation() {
        return Arbitraries.of(jsonOperations());
    }

    @Provide
    Arbitrary<Broken> broken() {
        return Arbitraries.frequency(
                Tuple.of(6, Broken.TRUNCATED), Tuple.of(6, Broken.MALFORMED), Tuple.of(8, Broken.WRONG_TYPE), Tuple.of(3, Broken.OUT_OF_RANGE),
                Tuple.of(2, Broken.DEEP), Tuple.of(3, Broken.INVALID_UTF8), Tuple.of(3, Broken.NOT_AN_OBJECT), Tuple.of(1, Broken.HUGE));
    }

    @Provide
    Arbitrary<String> oddText() {
        return Arbitraries.oneOf(Arbitraries.of(ODD_TEXT),
                Arbitraries.strings().all().ofMinLength(0).ofMaxLength(40),
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(5));
    }

    @Property(seed = "20261123")
    void brokenBodiesMeetAProblemAndWriteNothing(@ForAll("jsonOperation") Operation op, @ForAll("broken") Broken broken,
                                                 @ForAll long seed, @ForAll boolean throughGateway) throws Exception {
        byte[] body = brokenBody(op, broken, new Random(seed));
        Map<String, Long> before = RowCounts.snapshot();
        if (broken == Broken.HUGE) {
            hugeBodyIsRefusedBeforeItIsSent(op, throughGateway, body);
            Map<String, Long> after = RowCounts.snapshot();
            assertThat(RowCounts.changes(op.service(), before, after)).as(op.key() + " HUGE wrote rows").isEmpty();
            return;
        }
        Response r = send(op, throughGateway, body, null);
        Map<String, Long> after = RowCounts.snapshot();
        String what = op.key() + " " + broken + (throughGateway ? " via gateway" : " direct") + " as " + caller(op);
        tries.incrementAndGet();
        boolean ok = r.statusCode() >= 400 && r.statusCode() < 500 && String.valueOf(r.contentType()).startsWith("application/problem+json")
                && RowCounts.changes(op.service(), before, after).isEmpty();
        if (!ok) {
            failures.add(what + ": " + r.statusCode() + " " + r.contentType() + " " + RowCounts.changes(op.service(), before, after) + " "
                    + abbreviate(r.asString()));
        } else {
            passed.incrementAndGet();
        }
        assertThat(r.statusCode()).as(what + ": " + abbreviate(r.asString())).isBetween(400, 499);
        assertThat(r.contentType()).as(what).startsWith("application/problem+json");
        assertThat(RowCounts.changes(op.service(), before, after)).as(what + " wrote rows").isEmpty();
    }

    /**
     * An 11 MB body with its declared length. The service (or the gateway) answers 413 on the length before reading the
     * body and closes; a client still writing may see that as a broken pipe (counted). Either way nothing is stored.
     */
    static void hugeBodyIsRefusedBeforeItIsSent(Operation op, boolean throughGateway, byte[] body) throws Exception {
        String base = throughGateway ? AcceptanceStack.GATEWAY : AcceptanceStack.url(op.service());
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + Probes.path(op, world)))
                .timeout(java.time.Duration.ofSeconds(60)).header("Content-Type", op.contentType())
                .method(op.method(), java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
        String token = Principals.token(caller(op));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (op.parameters().containsKey("If-Match")) {
            request.header("If-Match", Probes.STALE_ETAG);
        }
        String what = op.key() + " HUGE" + (throughGateway ? " via gateway" : " direct");
        tries.incrementAndGet();
        java.net.http.HttpResponse<String> r;
        try {
            r = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build().send(request.build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            // the server answered 413 on the declared length and closed while the client was still writing
            closedWhileSending.incrementAndGet();
            passed.incrementAndGet();
            return;
        }
        String type = r.headers().firstValue("Content-Type").orElse("");
        if (r.statusCode() == 413) {
            passed.incrementAndGet();
            if (!type.startsWith("application/problem+json")) {
                // Vert.x' global limit (2M in common) answers before RequestBodyLimits can: reported, see RELIABILITY.md
                bare413.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
            }
        } else {
            failures.add(what + ": " + r.statusCode() + " " + type + " " + abbreviate(r.body()));
        }
        assertThat(r.statusCode()).as(what + ": " + abbreviate(r.body())).isEqualTo(413);
    }

    @Property(seed = "20261124")
    void oddTextInAnyStringFieldIsStoredOrRefusedNeverA5xx(@ForAll("jsonOperation") Operation op, @ForAll("oddText") String text,
                                                            @ForAll long seed, @ForAll boolean throughGateway) throws Exception {
        JsonNode sample = JSON.valueToTree(Probes.body(op, world));
        List<String> paths = new ArrayList<>();
        stringFields(sample, "", paths);
        if (paths.isEmpty()) {
            paths.add("/reason");
        }
        String path = paths.get(new Random(seed).nextInt(paths.size()));
        ObjectNode body = sample.isObject() ? (ObjectNode) sample.deepCopy() : JSON.createObjectNode();
        put(body, path, text);
        Response r = send(op, throughGateway, JSON.writeValueAsBytes(body), null);
        check(op.key() + " " + path + "=" + printable(text) + (throughGateway ? " via gateway" : " direct"), r);
    }

    @Property(seed = "20261125")
    void injectedFiltersSortsAndFieldsNeverReachBeyondTheGrant(@ForAll("oddText") String text, @ForAll("readPart") String part,
                                                               @ForAll boolean aggregate) throws Exception {
        Map<String, Object> q = aggregate ? World.aggregate(List.of("district_code"), List.of("count"))
                : World.view(World.GRANTED, 50);
        q = new java.util.LinkedHashMap<>(q);
        switch (part) {
            case "filter" -> q.put("filter", text);
            case "sort" -> q.put("sort", List.of(text));
            case "fields" -> q.put("fields", List.of("resident_id", text));
            case "purpose" -> q.put("purpose", text);
            case "cursor" -> q.put("cursor", text);
            default -> q.put(aggregate ? "groupBy" : "fields", List.of(text));
        }
        Response r = World.read(world.agreementId, q);
        String what = "query " + part + "=" + printable(text) + (aggregate ? " AGGREGATE" : " VIEW");
        check(what, r);
        String answer = r.asString();
        for (String secret : world.sentinels()) {
            assertThat(answer).as(what + " leaked a value outside the grant").doesNotContain(secret);
        }
        assertThat(answer).as(what + " returned a row outside the agreement's filter").doesNotContain("320506");
    }

    @Provide
    Arbitrary<String> readPart() {
        return Arbitraries.of("filter", "sort", "fields", "purpose", "cursor", "group");
    }

    @Provide
    Arbitrary<Tuple.Tuple2<Operation, String>> queryParameter() {
        List<Tuple.Tuple2<Operation, String>> all = new ArrayList<>();
        for (Operation op : OpenApiOperations.all()) {
            op.parameters().forEach((name, in) -> {
                if ("query".equals(in)) {
                    all.add(Tuple.of(op, name));
                }
            });
        }
        return Arbitraries.of(all);
    }

    @Property(seed = "20261126")
    void junkInAnyQueryParameterIsAnsweredOrRefusedNeverA5xx(@ForAll("queryParameter") Tuple.Tuple2<Operation, String> target,
                                                             @ForAll("queryJunk") String junk, @ForAll boolean throughGateway) throws Exception {
        Operation op = target.get1();
        Object body = Probes.body(op, world);
        byte[] bytes = body == null ? null : body instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(body);
        Response r = send(op, throughGateway, bytes, Map.of(target.get2(), junk));
        check(op.key() + "?" + target.get2() + "=" + printable(junk) + (throughGateway ? " via gateway" : " direct"), r);
    }

    @Provide
    Arbitrary<String> queryJunk() {
        return Arbitraries.oneOf(oddText(), Arbitraries.of("-1", "0", "2147483648", "99999999999999999999", "1.5", "true", "2026-02-30",
                "2026-13-01", "not-a-date", "00000000-0000-0000-0000-000000000000", "not-a-uuid", "ACTIVE", "active", "DROP", "%", "*",
                "a,b,c", "-", " ", "%ZZ"), Arbitraries.integers().map(String::valueOf));
    }

    static final AtomicLong lineTooLong = new AtomicLong();
    static final AtomicLong closedWhileSending = new AtomicLong();
    static final Map<String, AtomicLong> bare413 = new java.util.concurrent.ConcurrentSkipListMap<>();

    private static void check(String what, Response r) {
        tries.incrementAndGet();
        if (r.statusCode() == 414 || r.statusCode() == 431) {
            // refused by Vert.x' HTTP codec before any route (request line over 4 KiB): no body, and nothing reached the service
            lineTooLong.incrementAndGet();
            passed.incrementAndGet();
            return;
        }
        boolean ok = r.statusCode() < 500 && (r.statusCode() < 400 || String.valueOf(r.contentType()).startsWith("application/problem+json"));
        if (!ok) {
            failures.add(what + ": " + r.statusCode() + " " + r.contentType() + " " + abbreviate(r.asString()));
        } else {
            passed.incrementAndGet();
            if (r.statusCode() / 100 == 2) {
                stored.incrementAndGet();
            }
        }
        assertThat(r.statusCode()).as(what + ": " + abbreviate(r.asString())).isLessThan(500);
        if (r.statusCode() >= 400) {
            assertThat(r.contentType()).as(what).startsWith("application/problem+json");
        }
    }

    /** The caller the matrix lets furthest into an operation: the first whose status is not a refusal. */
    static String caller(Operation op) {
        Map<String, String> row = MatrixTable.expected().get(op.key());
        if (row != null) {
            for (String column : Principals.COLUMNS) {
                String status = row.getOrDefault(column, "403").split("/")[0];
                if (!List.of("401", "403", "404").contains(status)) {
                    return column;
                }
            }
        }
        return "provider-steward";
    }

    static final Map<String, AtomicLong> sentPerOperation = new java.util.concurrent.ConcurrentSkipListMap<>();

    static Response send(Operation op, boolean throughGateway, byte[] body, Map<String, String> query) {
        sentPerOperation.computeIfAbsent(op.key(), k -> new AtomicLong()).incrementAndGet();
        String column = caller(op);
        RequestSpecification spec = World.as(throughGateway ? AcceptanceStack.GATEWAY : AcceptanceStack.url(op.service()), column)
                .config(Probes.TIMEOUTS);
        op.parameters().forEach((name, in) -> {
            if ("header".equals(in) && "If-Match".equals(name)) {
                spec.header("If-Match", Probes.STALE_ETAG);
            } else if ("header".equals(in) && "X-Case-Reference".equals(name)) {
                spec.header("X-Case-Reference", World.CASE_REFERENCE);
            }
        });
        if (query != null) {
            query.forEach(spec::queryParam);
        }
        if (body != null) {
            spec.contentType(op.contentType() == null ? "application/json" : op.contentType()).body(body);
        }
        return spec.request(op.method(), Probes.path(op, world));
    }

    static byte[] brokenBody(Operation op, Broken broken, Random random) throws Exception {
        JsonNode sample = JSON.valueToTree(Probes.body(op, world));
        String text = JSON.writeValueAsString(sample);
        List<String> props = new ArrayList<>();
        JsonNode properties = op.schema() == null ? null : op.schema().path("properties");
        if (properties != null) {
            properties.fieldNames().forEachRemaining(props::add);
        }
        sample.fieldNames().forEachRemaining(n -> {
            if (!props.contains(n)) {
                props.add(n);
            }
        });
        String prop = props.isEmpty() ? "reason" : props.get(random.nextInt(props.size()));
        return switch (broken) {
            case TRUNCATED -> text.substring(0, random.nextInt(Math.max(1, text.length() - 1))).getBytes(StandardCharsets.UTF_8);
            case MALFORMED -> MALFORMED.get(random.nextInt(MALFORMED.size())).getBytes(StandardCharsets.UTF_8);
            case WRONG_TYPE -> {
                ObjectNode body = sample.isObject() ? (ObjectNode) sample.deepCopy() : JSON.createObjectNode();
                JsonNode current = body.get(prop);
                String type = properties == null ? "" : properties.path(prop).path("type").asText("");
                if ("array".equals(type) || (current != null && current.isArray())) {
                    body.putObject(prop).put("k", "v");
                } else if ("object".equals(type) || (current != null && current.isObject())) {
                    body.put(prop, 12345);
                } else {
                    body.putObject(prop).putNull("$ne");
                }
                yield JSON.writeValueAsBytes(body);
            }
            case OUT_OF_RANGE -> {
                String number = List.of("1e400", "-1e400", "99999999999999999999999999999", "1" + "0".repeat(2000)).get(random.nextInt(4));
                ObjectNode body = sample.isObject() ? (ObjectNode) sample.deepCopy() : JSON.createObjectNode();
                String numeric = null;
                for (String p : props) {
                    String type = properties == null ? "" : properties.path(p).path("type").asText("");
                    if (type.equals("integer") || type.equals("number")) {
                        numeric = p;
                    }
                }
                if (numeric == null) {
                    yield ("{\"" + prop + "\":" + number + ",").getBytes(StandardCharsets.UTF_8); // no numeric field: also malformed
                }
                body.put(numeric, "__N__");
                yield JSON.writeValueAsString(body).replace("\"__N__\"", number).getBytes(StandardCharsets.UTF_8);
            }
            case DEEP -> {
                int depth = 100_000;
                boolean arrays = random.nextBoolean();
                StringBuilder deep = new StringBuilder("{\"").append(prop).append("\":");
                deep.append(arrays ? "[".repeat(depth) : "{\"a\":".repeat(depth)).append('1').append(arrays ? "]".repeat(depth) : "}".repeat(depth));
                yield deep.append('}').toString().getBytes(StandardCharsets.UTF_8);
            }
            case INVALID_UTF8 -> {
                byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                int quote = text.indexOf(":\"");
                int at = quote < 0 ? 1 : quote + 2;
                byte[][] bad = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}};
                byte[] insert = bad[random.nextInt(bad.length)];
                byte[] out = new byte[utf8.length + insert.length];
                System.arraycopy(utf8, 0, out, 0, at);
                System.arraycopy(insert, 0, out, at, insert.length);
                System.arraycopy(utf8, at, out, at + insert.length, utf8.length - at);
                yield out;
            }
            case NOT_AN_OBJECT -> List.of("[]", "[" + text + "]", "\"text\"", "42", "true", "[[[]]]").get(random.nextInt(6)).getBytes(StandardCharsets.UTF_8);
            case HUGE -> ("{\"" + prop + "\":\"" + "x".repeat(11 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        };
    }

    static void stringFields(JsonNode node, String path, List<String> out) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            out.add(path);
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                stringFields(e.getValue(), path + "/" + e.getKey(), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                stringFields(node.get(i), path + "/" + i, out);
            }
        }
    }

    static void put(ObjectNode root, String pointer, String value) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = slash <= 0 ? root : root.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1);
        if (parent instanceof ObjectNode object) {
            object.put(last, value);
        } else if (parent instanceof com.fasterxml.jackson.databind.node.ArrayNode array) {
            array.set(Integer.parseInt(last), JSON.getNodeFactory().textNode(value));
        }
    }

    static String printable(String text) {
        StringBuilder b = new StringBuilder();
        text.codePoints().limit(40).forEach(cp -> b.append(cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || Character.isSurrogate((char) cp)
                ? String.format("\\u%04x", cp) : new String(Character.toChars(cp))));
        return text.length() > 40 ? b + "…(" + text.length() + ")" : b.toString();
    }

    static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
