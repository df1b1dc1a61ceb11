package org.govdx.exchange.data.extract;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;

import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.govdx.exchange.CatalogForTests;
import org.govdx.testsupport.CatalogDatasets;
import org.govdx.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

/** EXTRACT through the service: streamed, masked, watermarked, audited before the first byte, traced, stopped on revocation. */
@QuarkusTest
class ExtractTests {

    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    static final String PURPOSE = "SOCIAL_ASSISTANCE_ELIGIBILITY";
    static final String CASE = "人社〔2026〕12号";
    /** Header values are ISO-8859-1: a non-ASCII case reference travels percent-encoded. */
    static final String CASE_HEADER = java.net.URLEncoder.encode(CASE, StandardCharsets.UTF_8);
    static final String ETHNICITY_SENTINEL = "SENTINEL-ETHNICITY";
    static final String INCOME_SENTINEL = "888888.88";
    static final String OUTSIDE_SENTINEL = "SENTINEL-OUTSIDE";
    static final int ROWS = 1000;
    static final List<String> GRANTED = List.of("person_id", "name", "district_code", "allowance");

    @Inject
    Pool pool;

    static UUID residents;
    static int inside;

    static synchronized void publishAndUpload() {
        if (residents != null) {
            return;
        }
        residents = publish();
        Random random = new Random(41);
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < ROWS; i++) {
            boolean in = random.nextInt(10) < 8;
            inside += in ? 1 : 0;
            rows.append("{\"person_id\":\"P").append(1_000_000 + i).append("\",\"name\":\"").append(in ? "李四" : OUTSIDE_SENTINEL)
                    .append("\",\"district_code\":\"").append(in ? "320505" : "320506").append("\",\"allowance\":")
                    .append(100 + random.nextInt(5000)).append('.').append(10 + random.nextInt(90))
                    .append(",\"income\":").append(INCOME_SENTINEL).append(",\"ethnicity\":\"").append(ETHNICITY_SENTINEL).append("\"}\n");
        }
        given().auth().oauth2(Tokens.of("civil-affairs-steward")).contentType("application/x-ndjson").body(rows.toString().getBytes(StandardCharsets.UTF_8))
                .post("/api/exchange/datasets/" + residents + "/versions/1/rows").then().statusCode(201).body("rowsAccepted", equalTo(ROWS));
    }

    static UUID publish() {
        List<Map<String, Object>> fields = new ArrayList<>();
        fields.add(CatalogDatasets.field("person_id", "人员编号", "RESTRICTED", "pseudonym", true));
        fields.add(CatalogDatasets.field("name", "姓名", "RESTRICTED", "chinese_name", false));
        fields.add(CatalogDatasets.field("district_code", "区县代码", "OPEN", "none", false));
        Map<String, Object> allowance = CatalogDatasets.field("allowance", "补贴金额", "OPEN", "none", false);
        allowance.put("type", "DECIMAL");
        fields.add(allowance);
        Map<String, Object> income = CatalogDatasets.field("income", "月收入", "RESTRICTED", "redact", false);
        income.put("type", "DECIMAL");
        fields.add(income);
        fields.add(CatalogDatasets.field("ethnicity", "民族", "FORBIDDEN", "redact", false));
        return new CatalogDatasets(CatalogForTests.url()).publish("civil-affairs", "RESTRICTED", fields);
    }

    /** An ACTIVE agreement of {@code consumer} over {@code dataset} (request, endorsement, the provider CDO's approval). */
    static String agreement(UUID dataset, String consumer, String mode, List<String> fields, long quota) {
        Map<String, Object> d = new HashMap<>();
        d.put("datasetId", dataset.toString());
        d.put("fields", fields);
        d.put("purpose", PURPOSE);
        d.put("purposeDetail", "核对低保申请人 verify applicants");
        d.put("legalBasis", "《社会救助暂行办法》第十一条");
        d.put("accessMode", mode);
        d.put("rowFilter", "district_code = '320505'");
        d.put("termStart", TODAY.toString());
        d.put("termEnd", TODAY.plusMonths(6).toString());
        d.put("dailyRowQuota", quota);
        d.put("expectedVolume", 10);
        d.put("retentionDays", 90);
        d.put("authorisedUsers", List.of(consumer + "-steward", consumer + "-system"));
        String id = given().auth().oauth2(Tokens.of(consumer + "-steward")).contentType("application/json").body(d).post("/api/exchange/requests")
                .then().statusCode(201).extract().path("id");
        act(consumer + "-steward", id, "submit", false);
        act(consumer + "-cdo", id, "endorse", true);
        return act("civil-affairs-cdo", id, "approve", true).then().statusCode(200).extract().path("agreementId");
    }

    static Response act(String user, String id, String action, boolean ifMatch) {
        var spec = given().auth().oauth2(Tokens.of(user)).contentType("application/json");
        if (ifMatch) {
            spec.header("If-Match", given().auth().oauth2(Tokens.of(user)).get("/api/exchange/requests/" + id).header("ETag"));
        }
        Response r = spec.body(Map.of("reason", "符合最小必要原则")).post("/api/exchange/requests/" + id + "/" + action);
        assertThat(r.statusCode()).as(action + ": " + r.asString()).isEqualTo(200);
        return r;
    }

    static Map<String, Object> extractBody(String purpose) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("mode", "EXTRACT");
        q.put("purpose", purpose);
        return q;
    }

    static Response extract(String user, String agreementId, String format) {
        return given().auth().oauth2(Tokens.of(user)).contentType("application/json").header("X-Case-Reference", CASE_HEADER)
                .queryParam("format", format).body(extractBody(PURPOSE)).post("/api/exchange/agreements/" + agreementId + "/query");
    }

    String outboxPayload(String eventId) {
        var rows = pool.preparedQuery("select payload from outbox_event where event_id = $1").execute(Tuple.of(UUID.fromString(eventId)))
                .await().atMost(Duration.ofSeconds(5));
        return rows.iterator().hasNext() ? rows.iterator().next().getString(0) : null;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void aConsumerExportsTheMaskedRowsOfItsAgreementAsNdjsonOrCsvAndTheExportIsAuditedAndRecorded() throws Exception {
        publishAndUpload();
        String agreementId = agreement(residents, "hrss", "EXTRACT", GRANTED, 100_000);
        Response r = extract("hrss-steward", agreementId, "ndjson");
        r.then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("application/x-ndjson"));
        byte[] body = r.asByteArray();
        String text = new String(body, StandardCharsets.UTF_8);
        String[] lines = text.split("\n");
        assertThat(lines).hasSize(inside);
        assertThat(lines[0]).startsWith("{\"person_id\":\"p_").contains("\"name\":\"李*\"").contains("\"district_code\":\"320505\"");
        assertThat(text).doesNotContain(ETHNICITY_SENTINEL).doesNotContain(INCOME_SENTINEL).doesNotContain(OUTSIDE_SENTINEL)
                .doesNotContain("320506").doesNotContain("\"P1").doesNotContain("income").doesNotContain("ethnicity");
        assertThat(r.header("X-Request-Hash")).hasSize(64);
        String started = outboxPayload(r.header("X-Audit-Event-Id"));
        assertThat(started).contains("\"action\":\"data.extract\"").contains("\"outcome\":\"ALLOWED\"").contains(CASE).contains(PURPOSE)
                .contains(r.header("X-Request-Hash")).contains("allowance");

        Map<String, Object> record = awaitFinished(r.header("X-Extract-Id"), "hrss-steward");
        assertThat(record.get("state")).isEqualTo("COMPLETED");
        assertThat(((Number) record.get("rowsWritten")).intValue()).isEqualTo(inside);
        assertThat(record.get("responseHash")).isEqualTo(sha256(body));
        // the rows were counted as delivered before they left, so a crash mid-export could not have refunded them
        assertThat(column(r.header("X-Extract-Id"), "rows_accounted")).isGreaterThanOrEqualTo(inside);
        String completed = outboxPayload((String) record.get("completionEventId"));
        assertThat(completed).contains("\"action\":\"data.extract-completed\"").contains("\"rowCount\":" + inside).contains(sha256(body));
        // the provider reads the record too; another department does not
        given().auth().oauth2(Tokens.of("civil-affairs-cdo")).get("/api/exchange/extracts/" + r.header("X-Extract-Id")).then().statusCode(200);
        given().auth().oauth2(Tokens.of("transport-steward")).get("/api/exchange/extracts/" + r.header("X-Extract-Id")).then().statusCode(404);

        Response csv = given().auth().oauth2(Tokens.of("hrss-steward")).contentType("application/json").accept("text/csv").header("X-Case-Reference", CASE_HEADER)
                .body(extractBody(PURPOSE)).post("/api/exchange/agreements/" + agreementId + "/query");
        csv.then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv"));
        String[] csvLines = csv.asString().split("\r\n");
        assertThat(csvLines[0]).isEqualTo("person_id,name,district_code,allowance");
        assertThat(csvLines).hasSize(inside + 1);
        // the same agreement gets the same pseudonyms and marks in both formats: the copy is deterministic
        String firstPseudonym = lines[0].substring("{\"person_id\":\"".length(), lines[0].indexOf("\",\""));
        assertThat(csvLines[1]).startsWith(firstPseudonym + ",李*,320505,");
    }

    @Test
    void aLeakedFivePercentSampleWithColumnsReorderedAndNoHeaderIsTracedToItsAgreementAndNoOther() {
        publishAndUpload();
        String hrss = agreement(residents, "hrss", "EXTRACT", GRANTED, 100_000);
        String health = agreement(residents, "health", "EXTRACT", GRANTED, 100_000);
        String transport = agreement(residents, "transport", "EXTRACT", List.of("name", "district_code", "allowance"), 100_000);
        Map<String, String> copies = new LinkedHashMap<>();
        copies.put(hrss, extract("hrss-steward", hrss, "csv").asString());
        copies.put(health, extract("health-steward", health, "csv").asString());
        copies.put(transport, extract("transport-steward", transport, "csv").asString());
        int seed = 0;
        for (Map.Entry<String, String> copy : copies.entrySet()) {
            String leak = leak(copy.getValue(), seed++);
            Response t = given().auth().oauth2(Tokens.of("civil-affairs-steward")).contentType("text/csv").body(leak.getBytes(StandardCharsets.UTF_8))
                    .post("/api/exchange/datasets/" + residents + "/trace");
            t.then().statusCode(200);
            List<String> attributed = t.path("attributedTo");
            assertThat(attributed).as(t.asString()).containsExactly(copy.getKey());
            assertThat(t.<Float>path("candidates[0].score")).isEqualTo(1.0f);
            assertThat(outboxPayload(t.path("auditEventId"))).contains("\"action\":\"data.traced\"");
        }
        // the provider's own rows (never marked) are attributed to nobody
        StringBuilder own = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            own.append("李四,320505,").append(100 + i * 37).append('.').append(10 + i).append('\n');
        }
        given().auth().oauth2(Tokens.of("civil-affairs-steward")).contentType("text/csv").body(own.toString())
                .post("/api/exchange/datasets/" + residents + "/trace").then().statusCode(200).body("attributedTo.size()", equalTo(0));
        // only the owner traces
        given().auth().oauth2(Tokens.of("hrss-steward")).contentType("text/csv").body(leak(copies.get(hrss), 9))
                .post("/api/exchange/datasets/" + residents + "/trace").then().statusCode(403);
    }

    /** The leaker's file: a 5% sample in random order, columns reversed, header stripped, as CSV. */
    static String leak(String csv, long seed) {
        List<String> lines = new ArrayList<>(Arrays.asList(csv.split("\r\n")));
        lines.remove(0);
        Collections.shuffle(lines, new Random(seed));
        StringBuilder out = new StringBuilder();
        for (String line : lines.subList(0, (int) Math.ceil(lines.size() * 0.05))) {
            List<String> cells = new ArrayList<>(Arrays.asList(line.split(",", -1)));
            Collections.reverse(cells);
            out.append(String.join(",", cells)).append('\n');
        }
        return out.toString();
    }

    @Test
    void everyExtractDenialIsRefusedAuditedAndAnsweredWithItsRequestHash() {
        publishAndUpload();
        String agreementId = agreement(residents, "hrss", "EXTRACT", GRANTED, 100_000);
        String view = agreement(residents, "public-security", "VIEW", List.of("district_code"), 100);

        record Case(String slug, int status, Response response) {
        }
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("mode-not-granted", 403, extract("public-security-steward", view, "ndjson")));
        cases.add(new Case("purpose-mismatch", 403, given().auth().oauth2(Tokens.of("hrss-steward")).contentType("application/json")
                .header("X-Case-Reference", CASE_HEADER).body(extractBody("LAW_ENFORCEMENT")).post("/api/exchange/agreements/" + agreementId + "/query")));
        cases.add(new Case("case-reference-missing", 403, given().auth().oauth2(Tokens.of("hrss-steward")).contentType("application/json")
                .body(extractBody(PURPOSE)).post("/api/exchange/agreements/" + agreementId + "/query")));
        cases.add(new Case("user-not-authorised", 403, given().auth().oauth2(Tokens.ofSystem("hrss")).contentType("application/json")
                .header("X-Case-Reference", CASE_HEADER).header("X-On-Behalf-Of", "hrss-clerk-not-named").body(extractBody(PURPOSE))
                .post("/api/exchange/agreements/" + agreementId + "/query")));
        Map<String, Object> withIncome = extractBody(PURPOSE);
        withIncome.put("fields", List.of("person_id", "income"));
        cases.add(new Case("field-not-granted", 403, given().auth().oauth2(Tokens.of("hrss-steward")).contentType("application/json")
                .header("X-Case-Reference", CASE_HEADER).body(withIncome).post("/api/exchange/agreements/" + agreementId + "/query")));
        Map<String, Object> withEthnicity = extractBody(PURPOSE);
        withEthnicity.put("filter", "ethnicity = 'x'");
        cases.add(new Case("filter-on-ungranted-field", 403, given().auth().oauth2(Tokens.of("hrss-steward")).contentType("application/json")
                .header("X-Case-Reference", CASE_HEADER).body(withEthnicity).post("/api/exchange/agreements/" + agreementId + "/query")));
        for (Case c : cases) {
            Response r = c.response();
            assertThat(r.statusCode()).as(c.slug() + " " + r.asString()).isEqualTo(c.status());
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.<String>path("type")).endsWith(c.slug());
            assertThat(r.header("X-Request-Hash")).hasSize(64);
            assertThat(outboxPayload(r.header("X-Audit-Event-Id"))).contains("\"outcome\":\"DENIED\"").contains("\"action\":\"data.extract\"");
            assertThat(r.asString()).doesNotContain("income").doesNotContain("ethnicity");
        }
        // a system client naming an authorised clerk is allowed, and the clerk is recorded
        Response clerk = given().auth().oauth2(Tokens.ofSystem("hrss")).contentType("application/json").header("X-Case-Reference", CASE_HEADER)
                .header("X-On-Behalf-Of", "hrss-steward").body(extractBody(PURPOSE)).post("/api/exchange/agreements/" + agreementId + "/query");
        clerk.then().statusCode(200);
        clerk.asByteArray();
        assertThat(outboxPayload(clerk.header("X-Audit-Event-Id"))).contains("\"onBehalfOf\":\"hrss-steward\"");

        // suspended, then revoked: refused on the next call
        given().auth().oauth2(Tokens.of("civil-affairs-cdo")).contentType("application/json").body(Map.of("reason", "核查中"))
                .post("/api/exchange/agreements/" + agreementId + "/suspend").then().statusCode(200);
        extract("hrss-steward", agreementId, "ndjson").then().statusCode(403).body("type", endsWith("grant-not-active"));
        given().auth().oauth2(Tokens.of("civil-affairs-cdo")).contentType("application/json").body(Map.of("reason", "数据泄露调查"))
                .post("/api/exchange/agreements/" + agreementId + "/revoke").then().statusCode(200);
        extract("hrss-steward", agreementId, "ndjson").then().statusCode(403).body("type", endsWith("grant-not-active"));
    }

    @Inject
    AbandonedExports abandonedExports;

    long column(String extractId, String column) {
        return pool.preparedQuery("select " + column + " from data_extract where id = $1").execute(Tuple.of(UUID.fromString(extractId)))
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0);
    }

    /** An export as a killed instance leaves it: RUNNING, its reservation taken from the day's quota, last marked alive {@code silent} ago. */
    UUID leftRunning(String agreementId, long reserved, long accounted, Duration silent) {
        UUID id = UUID.randomUUID();
        pool.preparedQuery("insert into data_extract (id, agreement_id, dataset_id, dataset_version, department, principal, purpose, format, fields, "
                        + "watermark, request_hash, audit_event_id, rows_reserved, rows_accounted, state, started_at, heartbeat_at) "
                        + "values ($1, $2, $3, 1, 'hrss', 'hrss-steward', $4, 'NDJSON', '[]', '{}', 'h', $5, $6, $7, 'RUNNING', $8, $8)")
                .execute(Tuple.from(Arrays.asList(id, UUID.fromString(agreementId), residents, PURPOSE, UUID.randomUUID(), reserved, accounted,
                        OffsetDateTime.now().minus(silent)))).await().atMost(Duration.ofSeconds(5));
        if (reserved > 0) {
            pool.preparedQuery("insert into data_quota (agreement_id, day, rows_used) values ($1, $2, $3) "
                            + "on conflict (agreement_id, day) do update set rows_used = data_quota.rows_used + $3")
                    .execute(Tuple.of(UUID.fromString(agreementId), TODAY, reserved)).await().atMost(Duration.ofSeconds(5));
        }
        return id;
    }

    @Test
    void anExportLeftRunningByAKilledInstanceGivesBackTheQuotaItNeverSentAndIsAudited() throws Exception {
        publishAndUpload();
        String agreementId = agreement(residents, "hrss", "EXTRACT", GRANTED, 1000);
        UUID dead = leftRunning(agreementId, 1000, 300, Duration.ofMinutes(5));
        UUID alive = leftRunning(agreementId, -1, 0, Duration.ofSeconds(1)); // a slow export of a live instance
        // while the dead export holds the day's quota, the consumer is refused
        extract("hrss-steward", agreementId, "ndjson").then().statusCode(429);

        abandonedExports.endAbandoned(Duration.ofSeconds(60));

        Map<String, Object> record = given().auth().oauth2(Tokens.of("hrss-steward")).get("/api/exchange/extracts/" + dead).then().statusCode(200)
                .extract().as(Map.class);
        assertThat(record).containsEntry("state", "FAILED").containsEntry("stopReason", "ABANDONED");
        assertThat(((Number) record.get("rowsWritten")).longValue()).isEqualTo(300);
        assertThat(outboxPayload((String) record.get("completionEventId"))).contains("\"action\":\"data.extract-stopped\"")
                .contains("\"stopReason\":\"ABANDONED\"").contains("\"rowsRefunded\":700").contains(agreementId);
        assertThat(pool.preparedQuery("select state from data_extract where id = $1").execute(Tuple.of(alive)).await().atMost(Duration.ofSeconds(5))
                .iterator().next().getString(0)).isEqualTo("RUNNING");
        // the 300 rows that may have left stay counted; the consumer gets the 700 that never did
        Response after = extract("hrss-steward", agreementId, "ndjson");
        after.then().statusCode(200).header("X-Row-Limit", "700");
        long sent = ((Number) awaitFinished(after.header("X-Extract-Id"), "hrss-steward").get("rowsWritten")).longValue();
        // a second pass (another replica) refunds nothing twice
        abandonedExports.endAbandoned(Duration.ofSeconds(60));
        assertThat(pool.preparedQuery("select rows_used from data_quota where agreement_id = $1 and day = $2")
                .execute(Tuple.of(UUID.fromString(agreementId), TODAY)).await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0))
                .isEqualTo(300 + sent);
    }

    @Test
    void anExportStopsAtTheDailyQuotaAndTheNextIs429() {
        publishAndUpload();
        String agreementId = agreement(residents, "hrss", "EXTRACT", GRANTED, 100);
        Response first = extract("hrss-steward", agreementId, "ndjson");
        first.then().statusCode(200).header("X-Row-Limit", "100");
        assertThat(first.asString().split("\n")).hasSize(100);
        Response spent = extract("hrss-steward", agreementId, "ndjson");
        spent.then().statusCode(429);
        assertThat(Long.parseLong(spent.header("Retry-After"))).isBetween(1L, 86_400L);
        assertThat(outboxPayload(spent.header("X-Audit-Event-Id"))).contains("DAILY_ROW_QUOTA_SPENT");
    }

    @Test
    void revokingAnAgreementStopsItsRunningExportWithinOneSecondEvenForASlowConsumer() throws Exception {
        UUID big = publish();
        given().auth().oauth2(Tokens.of("civil-affairs-steward")).contentType("application/x-ndjson")
                .body("{\"person_id\":\"P1\",\"name\":\"王五\",\"district_code\":\"320505\",\"allowance\":1.50}\n".getBytes(StandardCharsets.UTF_8))
                .post("/api/exchange/datasets/" + big + "/versions/1/rows").then().statusCode(201);
        pool.preparedQuery("insert into hosted_row (dataset_id, dataset_version, row_no, upload_id, data) "
                        + "select dataset_id, dataset_version, row_no + g, upload_id, jsonb_set(data, '{person_id}', to_jsonb('P' || g)) "
                        + "from hosted_row, generate_series(1, 200000) g where dataset_id = $1")
                .execute(Tuple.of(big)).await().atMost(Duration.ofSeconds(60));
        String agreementId = agreement(big, "market-regulation", "EXTRACT", GRANTED, 1_000_000);

        String token = Tokens.of("market-regulation-steward");
        byte[] json = "{\"mode\":\"EXTRACT\",\"purpose\":\"SOCIAL_ASSISTANCE_ELIGIBILITY\"}".getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new java.net.InetSocketAddress("localhost", RestAssured.port));
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/exchange/agreements/" + agreementId + "/query HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nX-Case-Reference: " + "case-7" + "\r\nContent-Length: " + json.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.write(json);
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[1024];
            long received = 0;
            StringBuilder head = new StringBuilder();
            while (!head.toString().contains("\r\n\r\n")) {
                int n = in.read(buffer, 0, 1);
                head.append((char) buffer[0]);
                assertThat(n).isEqualTo(1);
            }
            assertThat(head.toString()).startsWith("HTTP/1.1 200");
            String extractId = head.toString().lines().filter(l -> l.toLowerCase().startsWith("x-extract-id:")).findFirst().orElseThrow()
                    .substring("x-extract-id:".length()).trim();
            // a slow consumer: 1 KiB every 20 ms
            for (int i = 0; i < 20; i++) {
                received += Math.max(0, in.read(buffer));
                Thread.sleep(20);
            }
            given().auth().oauth2(Tokens.of("civil-affairs-cdo")).contentType("application/json").body(Map.of("reason", "立即停止"))
                    .post("/api/exchange/agreements/" + agreementId + "/revoke").then().statusCode(200);
            Instant revoked = Instant.now();
            Map<String, Object> record = awaitFinished(extractId, "market-regulation-steward");
            assertThat(record.get("state")).isEqualTo("STOPPED");
            assertThat(record.get("stopReason")).isEqualTo("AGREEMENT_REVOKED");
            Instant finished = OffsetDateTime.parse((String) record.get("finishedAt")).toInstant();
            assertThat(Duration.between(revoked, finished)).isLessThan(Duration.ofSeconds(1));
            assertThat(((Number) record.get("rowsWritten")).longValue()).isLessThan(200_001L);
            // the consumer's stream ends without the export's end: what it got is less than the whole
            socket.setSoTimeout(10_000);
            int n;
            try {
                while ((n = in.read(buffer)) > 0) {
                    received += n;
                }
            } catch (java.io.IOException expected) {
                // reset by the server
            }
            assertThat(received).isLessThan(200_001L * 60);
            assertThat(outboxPayload((String) record.get("completionEventId"))).contains("\"action\":\"data.extract-stopped\"").contains("AGREEMENT_REVOKED");
        }
    }

    static Map<String, Object> awaitFinished(String extractId, String user) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (true) {
            Map<String, Object> record = given().auth().oauth2(Tokens.of(user)).get("/api/exchange/extracts/" + extractId).then().statusCode(200)
                    .extract().as(Map.class);
            if (!"RUNNING".equals(record.get("state")) || Instant.now().isAfter(deadline)) {
                return record;
            }
            Thread.sleep(50);
        }
    }

}
