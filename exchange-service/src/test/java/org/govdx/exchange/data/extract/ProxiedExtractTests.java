package org.govdx.exchange.data.extract;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.govdx.exchange.CatalogForTests;
import org.govdx.exchange.data.AgreementKeys;
import org.govdx.rules.extract.Watermark;
import org.govdx.testsupport.CatalogDatasets;
import org.govdx.testsupport.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.govdx.exchange.data.extract.ExtractTests.GRANTED;
import static org.govdx.exchange.data.extract.ExtractTests.awaitFinished;
import static org.govdx.exchange.data.extract.ExtractTests.extract;
import static org.govdx.exchange.data.extract.ExtractTests.sha256;
import static org.hamcrest.Matchers.endsWith;

/**
 * EXTRACT of PROXIED datasets against a real local HTTP server standing in for the provider: it answers pages that
 * name the next one, trickles rows slowly, breaks on a later page, or links off its origin. The export gets the same
 * masking, watermark, row filter, audit and record as a hosted one, page after page, and stops like one.
 */
@QuarkusTest
class ProxiedExtractTests {

    static final String TOKEN = "provider-extract-token-77ab";
    static final String EXTRA_SENTINEL = "SENTINEL-NOT-IN-SCHEMA";
    static final String OUTSIDE_SENTINEL = "SENTINEL-OUTSIDE";

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static HttpServer provider;
    static final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    static final Map<String, String> authorisations = new ConcurrentHashMap<>();

    @Inject
    Pool pool;

    @Inject
    AgreementKeys keys;

    /** Row {@code i} of a provider: every third row outside district 320505; each with a member outside the schema. */
    static String row(int i) {
        boolean inside = i % 3 != 0;
        return "{\"person_id\":\"P" + (100000 + i) + "\",\"name\":\"" + (inside ? "李四" : OUTSIDE_SENTINEL) + "\",\"district_code\":\""
                + (inside ? "320505" : "320506") + "\",\"allowance\":" + (1000 + i) + "." + (10 + i % 90) + ",\"phone_secret\":\"" + EXTRA_SENTINEL + "\"}";
    }

    static String rows(int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < to; i++) {
            b.append(i == from ? "" : ",").append(row(i));
        }
        return b.toString();
    }

    static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @BeforeAll
    static void startProvider() throws IOException {
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.setExecutor(Executors.newCachedThreadPool());
        provider.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String query = String.valueOf(exchange.getRequestURI().getQuery());
            hits.computeIfAbsent(path + "?" + query, p -> new AtomicInteger()).incrementAndGet();
            authorisations.put(path + "?" + query, String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            try {
                switch (path) {
                    // three pages: the next link absolute, then relative and before the rows; 60 rows, 40 inside the grant's district
                    case "/paged" -> answer(exchange, 200, switch (query) {
                        case "null" -> "{\"rows\":[" + rows(0, 25) + "],\"next\":\"" + url("/paged?page=2") + "\"}";
                        case "page=2" -> "{\"next\":\"?page=3\",\"total\":60,\"rows\":[" + rows(25, 50) + "]}";
                        default -> "{\"rows\":[" + rows(50, 60) + "],\"next\":null}";
                    });
                    // a plain array of rows, no pages
                    case "/plain" -> answer(exchange, 200, "[" + rows(0, 30) + "]");
                    // the second page fails for good
                    case "/breaks" -> {
                        if (query.equals("null")) {
                            answer(exchange, 200, "{\"rows\":[" + rows(0, 30) + "],\"next\":\"/breaks?page=2\"}");
                        } else {
                            answer(exchange, 503, "{\"error\":\"down\"}");
                        }
                    }
                    // a next link to another host: never followed
                    case "/elsewhere" -> answer(exchange, 200, "{\"rows\":[" + rows(0, 30) + "],\"next\":\"http://127.0.0.2:" + provider.getAddress().getPort()
                            + "/paged\"}");
                    case "/down" -> answer(exchange, 500, "{}");
                    // 50 rows every 20 ms for at most 30 s: an export long enough to revoke while it runs
                    case "/trickle" -> {
                        exchange.getResponseHeaders().add("Content-Type", "application/json");
                        exchange.sendResponseHeaders(200, 0);
                        try (OutputStream out = exchange.getResponseBody()) {
                            out.write("[".getBytes(StandardCharsets.UTF_8));
                            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                            for (int i = 0; System.nanoTime() < end; i += 50) {
                                out.write(((i == 0 ? "" : ",") + rows(i, i + 50)).getBytes(StandardCharsets.UTF_8));
                                out.flush();
                                Thread.sleep(20);
                            }
                            out.write("]".getBytes(StandardCharsets.UTF_8));
                        } catch (IOException | InterruptedException gone) {
                            // the exchange closed the answer
                        }
                    }
                    default -> answer(exchange, 404, "{}");
                }
            } catch (IOException ignored) {
                // the exchange gave up
            }
        });
        provider.start();
    }

    @AfterAll
    static void stopProvider() {
        provider.stop(0);
    }

    static String url(String path) {
        return "http://127.0.0.1:" + provider.getAddress().getPort() + path;
    }

    /** A PROXIED civil-affairs dataset (the hosted export tests' schema) served at {@code path}, registered with a bearer token. */
    static UUID proxiedDataset(String path) {
        List<Map<String, Object>> fields = new ArrayList<>();
        fields.add(CatalogDatasets.field("person_id", "人员编号", "RESTRICTED", "pseudonym", true));
        fields.add(CatalogDatasets.field("name", "姓名", "RESTRICTED", "chinese_name", false));
        fields.add(CatalogDatasets.field("district_code", "区县代码", "OPEN", "none", false));
        Map<String, Object> allowance = CatalogDatasets.field("allowance", "补贴金额", "OPEN", "none", false);
        allowance.put("type", "DECIMAL");
        fields.add(allowance);
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
    void aProxiedExportStreamsEveryPageMaskedFilteredWatermarkedAndRecordedLikeAHostedOne() throws Exception {
        String agreementId = ExtractTests.agreement(proxiedDataset("/paged"), "hrss", "EXTRACT", GRANTED, 100_000);
        Response r = extract("hrss-steward", agreementId, "ndjson");
        r.then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("application/x-ndjson"));
        byte[] body = r.asByteArray();
        String text = new String(body, StandardCharsets.UTF_8);
        String[] lines = text.split("\n");
        assertThat(lines).hasSize(40);
        assertThat(text).doesNotContain(OUTSIDE_SENTINEL).doesNotContain(EXTRA_SENTINEL).doesNotContain("320506").doesNotContain("\"P1")
                .doesNotContain("phone_secret");
        Watermark mark = keys.watermark(UUID.fromString(agreementId));
        int i = 0;
        for (String line : lines) {
            while (i % 3 == 0) {
                i++; // the provider's rows outside the grant's district are not in the copy
            }
            assertThat(line).startsWith("{\"person_id\":\"p_").contains("\"name\":\"李*\",\"district_code\":\"320505\",\"allowance\":");
            String allowance = line.substring(line.indexOf("\"allowance\":") + "\"allowance\":".length(), line.length() - 1);
            BigDecimal source = new BigDecimal((1000 + i) + "." + (10 + i % 90));
            assertThat(new BigDecimal(allowance).subtract(source).abs()).isLessThanOrEqualTo(new BigDecimal("0.01"));
            assertThat(mark.agrees(allowance)).as("the agreement's watermark on %s", allowance).contains(true);
            i++;
        }
        // every page was fetched once, with the provider's credential
        for (String page : List.of("/paged?null", "/paged?page=2", "/paged?page=3")) {
            assertThat(hits.get(page).get()).as(page).isEqualTo(1);
            assertThat(authorisations.get(page)).isEqualTo("Bearer " + TOKEN);
        }
        assertThat(outboxPayload(r.header("X-Audit-Event-Id"))).contains("\"action\":\"data.extract\"").contains("\"markedFields\":[\"allowance\"]");
        Map<String, Object> record = awaitFinished(r.header("X-Extract-Id"), "hrss-steward");
        assertThat(record.get("state")).isEqualTo("COMPLETED");
        assertThat(((Number) record.get("rowsWritten")).intValue()).isEqualTo(40);
        assertThat(record.get("responseHash")).isEqualTo(sha256(body));
        assertThat(outboxPayload((String) record.get("completionEventId"))).contains("\"action\":\"data.extract-completed\"").contains("\"rowCount\":40");

        // a provider without pages: its JSON rows, as CSV; the same pseudonyms under the same agreement's key would follow from the same key
        String plain = ExtractTests.agreement(proxiedDataset("/plain"), "hrss", "EXTRACT", GRANTED, 100_000);
        Response csv = extract("hrss-steward", plain, "csv");
        csv.then().statusCode(200);
        String[] csvLines = csv.asString().split("\r\n");
        assertThat(csvLines[0]).isEqualTo("person_id,name,district_code,allowance");
        assertThat(csvLines).hasSize(1 + 20);
    }

    @Test
    void aProviderThatIsDownIsAProblemAndOneThatBreaksOrLinksElsewhereMidWayEndsTheExportAsFailed() throws Exception {
        String down = ExtractTests.agreement(proxiedDataset("/down"), "hrss", "EXTRACT", GRANTED, 100_000);
        Response refused = extract("hrss-steward", down, "ndjson");
        refused.then().statusCode(502).contentType(org.hamcrest.Matchers.startsWith("application/problem+json")).body("type", endsWith("provider-unavailable"));
        assertThat(refused.asString()).doesNotContain("127.0.0.1").doesNotContain(TOKEN);
        assertThat(outboxPayload(refused.header("X-Audit-Event-Id"))).contains("\"outcome\":\"DENIED\"").contains("PROVIDER_UNAVAILABLE");
        assertThat(pool.preparedQuery("select count(*) from data_extract where agreement_id = $1").execute(Tuple.of(UUID.fromString(down)))
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0)).isZero();

        for (String[] c : new String[][] {{"/breaks", "PROVIDER_UNAVAILABLE"}, {"/elsewhere", "PROVIDER_BAD_ANSWER"}}) {
            String agreementId = ExtractTests.agreement(proxiedDataset(c[0]), "hrss", "EXTRACT", GRANTED, 100_000);
            HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + RestAssured.port + "/api/exchange/agreements/" + agreementId + "/query?format=ndjson"))
                    .header("Authorization", "Bearer " + Tokens.of("hrss-steward")).header("Content-Type", "application/json").header("X-Case-Reference", "case-7")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"mode\":\"EXTRACT\",\"purpose\":\"SOCIAL_ASSISTANCE_ELIGIBILITY\"}")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            // the connection ends before the last chunk (the client's HTTP stack may report it or just end the body);
            // what arrived is exactly what the export's record says was sent
            byte[] got;
            try {
                got = response.body().readAllBytes();
            } catch (IOException cut) {
                got = null;
            }
            Map<String, Object> record = awaitFinished(response.headers().firstValue("X-Extract-Id").orElseThrow(), "hrss-steward");
            assertThat(record.get("state")).as(c[0]).isEqualTo("FAILED");
            assertThat(record.get("stopReason")).as(c[0]).isEqualTo(c[1]);
            assertThat(((Number) record.get("rowsWritten")).intValue()).as(c[0]).isEqualTo(20); // page 1's rows inside the district
            if (got != null) {
                assertThat(new String(got, StandardCharsets.UTF_8).split("\n")).hasSize(20);
                assertThat(record.get("responseHash")).isEqualTo(sha256(got));
            }
        }
        assertThat(hits.get("/breaks?page=2").get()).isEqualTo(3); // tried again, then given up
        assertThat(hits.keySet()).noneMatch(k -> k.startsWith("/paged") && hits.get(k).get() > 1);

        // an order other than the provider's would need every row in memory
        String sorted = ExtractTests.agreement(proxiedDataset("/plain"), "hrss", "EXTRACT", GRANTED, 100_000);
        given().auth().oauth2(Tokens.of("hrss-steward")).contentType("application/json").header("X-Case-Reference", "case-7")
                .body(Map.of("mode", "EXTRACT", "purpose", ExtractTests.PURPOSE, "sort", List.of("district_code")))
                .post("/api/exchange/agreements/" + sorted + "/query").then().statusCode(422).body("type", endsWith("proxied-extract-sorted"));
    }

    @Test
    void revokingAnAgreementStopsItsProxiedExportWithinOneSecondWhileTheProviderIsStillSending() throws Exception {
        String agreementId = ExtractTests.agreement(proxiedDataset("/trickle"), "market-regulation", "EXTRACT", GRANTED, 10_000_000);
        HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + RestAssured.port + "/api/exchange/agreements/" + agreementId + "/query?format=ndjson"))
                .header("Authorization", "Bearer " + Tokens.of("market-regulation-steward")).header("Content-Type", "application/json").header("X-Case-Reference", "case-7")
                .POST(HttpRequest.BodyPublishers.ofString("{\"mode\":\"EXTRACT\",\"purpose\":\"SOCIAL_ASSISTANCE_ELIGIBILITY\"}")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        String extractId = response.headers().firstValue("X-Extract-Id").orElseThrow();
        InputStream in = response.body();
        byte[] buffer = new byte[8192];
        long received = 0;
        while (received < 20_000) {
            int n = in.read(buffer);
            assertThat(n).isPositive();
            received += n;
        }
        given().auth().oauth2(Tokens.of("civil-affairs-cdo")).contentType("application/json").body(Map.of("reason", "立即停止"))
                .post("/api/exchange/agreements/" + agreementId + "/revoke").then().statusCode(200);
        Instant revoked = Instant.now();
        Map<String, Object> record = awaitFinished(extractId, "market-regulation-steward");
        assertThat(record.get("state")).isEqualTo("STOPPED");
        assertThat(record.get("stopReason")).isEqualTo("AGREEMENT_REVOKED");
        assertThat(Duration.between(revoked, OffsetDateTime.parse((String) record.get("finishedAt")).toInstant())).isLessThan(Duration.ofSeconds(1));
        try {
            in.readAllBytes(); // ends (or is reset) once the export stopped, although the provider is still sending
        } catch (IOException reset) {
            // reset by the server
        }
        assertThat(outboxPayload((String) record.get("completionEventId"))).contains("\"action\":\"data.extract-stopped\"").contains("AGREEMENT_REVOKED");
    }
}
