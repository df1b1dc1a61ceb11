package org.govdx.exchange.data;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.govdx.exchange.CatalogForTests;
import org.govdx.rules.identifiers.IdentifierKind;
import org.govdx.testsupport.CatalogDatasets;
import org.govdx.testsupport.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.govdx.exchange.data.GovernedReadTests.PURPOSE;
import static org.govdx.exchange.data.GovernedReadTests.query;
import static org.govdx.exchange.data.GovernedReadTests.read;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

/**
 * Proxied datasets against a real local HTTP server standing in for the provider: it can answer rows (with
 * fields the caller was not granted and fields outside the schema), be slow, fail, or answer malformed JSON.
 * Each dataset gets its own path on the server, so its behaviour and its circuit are its own.
 */
@QuarkusTest
class ProxiedReadTests {

    static final String TOKEN = "provider-secret-token-5f1c9a";
    static final String EXTRA_SENTINEL = "SENTINEL-NOT-IN-SCHEMA";
    static final String ETHNICITY_SENTINEL = "SENTINEL-ETHNICITY";
    static final String INCOME_SENTINEL = "888888.88";
    static final String OUTSIDE_SENTINEL = "SENTINEL-OUTSIDE-ROW";
    static final List<String> GRANTED = List.of("resident_id", "name", "district_code");

    static HttpServer provider;
    /** Per path: what the provider does (rows, slow, fail, malformed, nested, wrong-type) and how often it was called. */
    static final Map<String, String> behaviour = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    static final Map<String, String> authorisation = new ConcurrentHashMap<>();
    static final String ROWS = rows();

    @Inject
    Pool pool;

    @BeforeAll
    static void startProvider() throws IOException {
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.setExecutor(Executors.newCachedThreadPool());
        provider.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth != null) {
                authorisation.put(path, auth);
            }
            String mode = behaviour.getOrDefault(path, "rows");
            int status = 200;
            String body = ROWS;
            try {
                switch (mode) {
                    case "slow" -> Thread.sleep(3000);
                    case "fail" -> {
                        status = 500;
                        body = "{\"error\":\"database down\"}";
                    }
                    case "malformed" -> body = ROWS.substring(0, ROWS.length() / 2);
                    case "nested" -> body = "[{\"resident_id\":\"x\",\"name\":{\"first\":\"张\"}}]";
                    case "wrong-type" -> body = "{\"rows\":[{\"district_code\":\"320505\",\"income\":\"lots\"}]}";
                    case "auth" -> {
                        if (!("Bearer " + TOKEN).equals(auth)) {
                            status = 401;
                            body = "{}";
                        }
                    }
                    default -> {
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            try {
                exchange.sendResponseHeaders(status, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            } catch (IOException e) {
                // the exchange gave up waiting
            }
        });
        provider.start();
    }

    @AfterAll
    static void stopProvider() {
        provider.stop(0);
    }

    /** 30 rows in district 320505, 20 outside it; every row has a FORBIDDEN value, an ungranted income and a member outside the schema. */
    static String rows() {
        Random random = new Random(41);
        StringBuilder b = new StringBuilder("{\"rows\":[");
        for (int i = 0; i < 50; i++) {
            boolean inside = i < 30;
            b.append(i == 0 ? "" : ",").append("{\"resident_id\":\"").append(IdentifierKind.RESIDENT_ID.random(random)).append("\",\"name\":\"")
                    .append(inside ? "李四" : OUTSIDE_SENTINEL).append("\",\"district_code\":\"").append(inside ? "320505" : "320506")
                    .append("\",\"income\":").append(INCOME_SENTINEL).append(",\"ethnicity\":\"").append(ETHNICITY_SENTINEL)
                    .append("\",\"phone_secret\":\"").append(EXTRA_SENTINEL).append("\"}");
        }
        return b.append("]}").toString();
    }

    static String url(String path) {
        return "http://127.0.0.1:" + provider.getAddress().getPort() + path;
    }

    /** A PROXIED civil-affairs dataset served at {@code path}, registered with the bearer token. */
    static UUID proxiedDataset(String path) {
        List<Map<String, Object>> fields = new ArrayList<>();
        fields.add(CatalogDatasets.field("resident_id", "公民身份号码", "RESTRICTED", "resident_id", true));
        fields.add(CatalogDatasets.field("name", "姓名", "RESTRICTED", "chinese_name", false));
        fields.add(CatalogDatasets.field("district_code", "区县代码", "OPEN", "none", false));
        Map<String, Object> income = CatalogDatasets.field("income", "月收入", "RESTRICTED", "redact", false);
        income.put("type", "DECIMAL");
        fields.add(income);
        fields.add(CatalogDatasets.field("ethnicity", "民族", "FORBIDDEN", "redact", false));
        UUID id = new CatalogDatasets(CatalogForTests.url()).publish("civil-affairs", "RESTRICTED", fields, Map.of("mode", "PROXIED", "endpoint", url(path)));
        given().auth().oauth2(Tokens.of("civil-affairs-steward")).contentType("application/json")
                .body(Map.of("endpoint", url(path), "auth", Map.of("scheme", "BEARER", "token", TOKEN)))
                .put("/api/exchange/datasets/" + id + "/versions/1/proxy").then().statusCode(200);
        return id;
    }

    String outboxPayload(String eventId) {
        var rows = pool.preparedQuery("select payload from outbox_event where event_id = $1").execute(Tuple.of(UUID.fromString(eventId)))
                .await().atMost(Duration.ofSeconds(5));
        return rows.iterator().hasNext() ? rows.iterator().next().getString(0) : null;
    }

    @Test
    void theOwnerRegistersAnEndpointWhoseCredentialIsSealedAndNeverShown() {
        UUID id = proxiedDataset("/registered");
        Response shown = given().auth().oauth2(Tokens.of("civil-affairs-cdo")).get("/api/exchange/datasets/" + id + "/versions/1/proxy");
        shown.then().statusCode(200).body("authScheme", equalTo("BEARER")).body("credentialStored", equalTo(true))
                .body("endpoint", equalTo(url("/registered")));
        assertThat(shown.asString()).doesNotContain(TOKEN);
        byte[] stored = pool.preparedQuery("select sealed_secret from proxy_endpoint where dataset_id = $1").execute(Tuple.of(id))
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getBuffer(0).getBytes();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(TOKEN);

        // another department, a HOSTED dataset, a bad URL: refused
        given().auth().oauth2(Tokens.of("health-steward")).contentType("application/json").body(Map.of("endpoint", url("/x")))
                .put("/api/exchange/datasets/" + id + "/versions/1/proxy").then().statusCode(403);
        given().auth().oauth2(Tokens.of("health-steward")).get("/api/exchange/datasets/" + id + "/versions/1/proxy").then().statusCode(404);
        given().auth().oauth2(Tokens.of("civil-affairs-steward")).contentType("application/json").body(Map.of("endpoint", "file:///etc/passwd"))
                .put("/api/exchange/datasets/" + id + "/versions/1/proxy").then().statusCode(400);
        // hosts off the allow-list, and the cloud metadata address whatever the list says: a 400 problem naming the endpoint, nothing stored
        for (String endpoint : List.of("https://provider.example.com/rows", "http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/rows",
                "http://metadata.google.internal/computeMetadata/v1/")) {
            given().auth().oauth2(Tokens.of("civil-affairs-steward")).contentType("application/json").body(Map.of("endpoint", endpoint))
                    .put("/api/exchange/datasets/" + id + "/versions/1/proxy").then().statusCode(400)
                    .contentType(org.hamcrest.Matchers.startsWith("application/problem+json")).body("errors[0].field", equalTo("endpoint"));
        }
        given().auth().oauth2(Tokens.of("civil-affairs-cdo")).get("/api/exchange/datasets/" + id + "/versions/1/proxy").then().statusCode(200)
                .body("endpoint", equalTo(url("/registered")));
        UUID hosted = new CatalogDatasets(CatalogForTests.url()).publishResidents();
        given().auth().oauth2(Tokens.of("civil-affairs-steward")).contentType("application/json").body(Map.of("endpoint", url("/x")))
                .put("/api/exchange/datasets/" + hosted + "/versions/1/proxy").then().statusCode(409);
    }

    @Test
    void aProxiedReadGetsTheSameEnforcementAsAHostedOne() {
        behaviour.put("/enforced", "auth");
        UUID id = proxiedDataset("/enforced");
        String agreementId = GovernedReadTests.agreement(id, GRANTED, 5000, 10);
        Response r = read(Tokens.of("hrss-steward"), agreementId, query(GRANTED, null, null, 0, null, PURPOSE));
        r.then().statusCode(200);
        assertThat(authorisation.get("/enforced")).isEqualTo("Bearer " + TOKEN);
        List<Map<String, Object>> rows = r.path("rows");
        assertThat(rows).hasSize(30).allSatisfy(row -> {
            assertThat(row.keySet()).containsExactly("resident_id", "name", "district_code");
            assertThat(row.get("name")).isEqualTo("李*");
            assertThat((String) row.get("resident_id")).contains("****");
        });
        assertThat(r.asString()).doesNotContain(ETHNICITY_SENTINEL).doesNotContain(INCOME_SENTINEL).doesNotContain(OUTSIDE_SENTINEL)
                .doesNotContain(EXTRA_SENTINEL).doesNotContain("320506");
        assertThat(outboxPayload(r.header("X-Audit-Event-Id"))).contains("\"action\":\"data.read\"").contains("\"rowCount\":30");

        // pages over the provider's answer, sorted by a granted clear field
        Response first = read(Tokens.of("hrss-steward"), agreementId, query(GRANTED, null, List.of("-district_code"), 20, null, PURPOSE));
        first.then().statusCode(200).body("rows.size()", equalTo(20));
        read(Tokens.of("hrss-steward"), agreementId, query(GRANTED, null, null, 20, first.path("nextCursor"), PURPOSE))
                .then().statusCode(200).body("rows.size()", equalTo(10)).body("nextCursor", equalTo(null));

        // a field the provider returns but the schema lacks, an ungranted and a FORBIDDEN one: refused alike, never used
        for (String filter : List.of("phone_secret = '" + EXTRA_SENTINEL + "'", "income > 1", "ethnicity = 'x'")) {
            Response refused = read(Tokens.of("hrss-steward"), agreementId, query(GRANTED, filter, null, 0, null, PURPOSE));
            refused.then().statusCode(403).body("type", endsWith("filter-on-ungranted-field"));
        }
        read(Tokens.of("hrss-steward"), agreementId, query(List.of("phone_secret"), null, null, 0, null, PURPOSE)).then().statusCode(403);

        // aggregates over the provider's rows, with the same small-group suppression
        read(Tokens.of("hrss-steward"), agreementId, GovernedReadTests.aggregate(List.of("district_code"), List.of("count"), null))
                .then().statusCode(200).body("groups.size()", equalTo(1)).body("groups[0].district_code", equalTo("320505"))
                .body("groups[0].count", equalTo(30));
    }

    @Test
    void aProviderThatFailsSlowsOrAnswersGarbageGivesAProblemNeverRows() {
        for (String[] c : new String[][]{{"malformed", "502", "provider-bad-answer"}, {"nested", "502", "provider-bad-answer"},
                {"wrong-type", "502", "provider-bad-answer"}, {"slow", "504", "provider-timeout"}}) {
            String path = "/" + c[0];
            behaviour.put(path, c[0]);
            UUID id = proxiedDataset(path);
            String agreementId = GovernedReadTests.agreement(id, GRANTED, 5000, 10);
            Response r = read(Tokens.of("hrss-steward"), agreementId, query(GRANTED, null, null, 0, null, PURPOSE));
            assertThat(r.statusCode()).as(c[0] + ": " + r.asString()).isEqualTo(Integer.parseInt(c[1]));
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.<String>path("type")).endsWith(c[2]);
            assertThat(r.asString()).doesNotContain("李").doesNotContain("320505").doesNotContain(TOKEN).doesNotContain("127.0.0.1");
            assertThat(outboxPayload(r.header("X-Audit-Event-Id"))).contains("\"outcome\":\"DENIED\"").contains("PROVIDER_");
        }
        // the slow provider was tried again (an idempotent GET), the malformed one was not
        assertThat(hits.get("/slow").get()).isEqualTo(3);
        assertThat(hits.get("/malformed").get()).isEqualTo(1);
    }

    @Test
    void aFailingProviderOpensItsCircuitAndIsLeftAloneForAWhile() {
        behaviour.put("/failing", "fail");
        UUID id = proxiedDataset("/failing");
        String agreementId = GovernedReadTests.agreement(id, GRANTED, 5000, 10);
        read(Tokens.of("hrss-steward"), agreementId, query(GRANTED, null, null, 0, null, PURPOSE)).then().statusCode(502)
                .body("type", endsWith("provider-unavailable"));
        int status = 0;
        for (int i = 0; i < 5 && status != 503; i++) {
            status = read(Tokens.of("hrss-steward"), agreementId, query(GRANTED, null, null, 0, null, PURPOSE)).statusCode();
            assertThat(status).isIn(502, 503);
        }
        assertThat(status).isEqualTo(503);
        int calls = hits.get("/failing").get();
        Response paused = read(Tokens.of("hrss-steward"), agreementId, query(GRANTED, null, null, 0, null, PURPOSE));
        paused.then().statusCode(503).body("type", endsWith("provider-circuit-open"));
        assertThat(paused.header("Retry-After")).isNotBlank();
        assertThat(hits.get("/failing").get()).isEqualTo(calls);

        // the circuit is per endpoint: another provider still answers
        UUID healthy = proxiedDataset("/healthy");
        read(Tokens.of("hrss-steward"), GovernedReadTests.agreement(healthy, GRANTED, 5000, 10), query(GRANTED, null, null, 0, null, PURPOSE))
                .then().statusCode(200);
    }

    @Test
    void aProxiedDatasetWithoutARegisteredEndpointIs503() {
        List<Map<String, Object>> fields = List.of(CatalogDatasets.field("resident_id", "公民身份号码", "RESTRICTED", "resident_id", true),
                CatalogDatasets.field("name", "姓名", "RESTRICTED", "chinese_name", false),
                CatalogDatasets.field("district_code", "区县代码", "OPEN", "none", false));
        UUID id = new CatalogDatasets(CatalogForTests.url()).publish("civil-affairs", "RESTRICTED", new ArrayList<>(fields),
                Map.of("mode", "PROXIED", "endpoint", url("/unregistered")));
        String agreementId = GovernedReadTests.agreement(id, GRANTED, 5000, 10);
        read(Tokens.of("hrss-steward"), agreementId, query(GRANTED, null, null, 0, null, PURPOSE)).then().statusCode(503)
                .body("type", endsWith("provider-not-registered"));
    }
}
