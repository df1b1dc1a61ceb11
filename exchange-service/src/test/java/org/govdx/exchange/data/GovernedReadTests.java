package org.govdx.exchange.data;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.govdx.exchange.CatalogForTests;
import org.govdx.rules.identifiers.IdentifierKind;
import org.govdx.testsupport.CatalogDatasets;
import org.govdx.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class GovernedReadTests {

    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    static final String PURPOSE = "SOCIAL_ASSISTANCE_ELIGIBILITY";
    static final String ETHNICITY_SENTINEL = "SENTINEL-ETHNICITY";
    static final String INCOME_SENTINEL = "777777.77";
    static final String OUTSIDE_SENTINEL = "SENTINEL-OUTSIDE-ROW";
    static UUID residents;
    static final Random RANDOM = new Random(5);

    @Inject
    Pool pool;

    private static boolean ready;

    /** Publishes and uploads once (RestAssured points at the app only once a test runs, not in @BeforeAll). */
    static synchronized void publishAndUpload() {
        if (ready) {
            return;
        }
        ready = true;
        List<Map<String, Object>> fields = new ArrayList<>();
        fields.add(CatalogDatasets.field("resident_id", "公民身份号码", "RESTRICTED", "resident_id", true));
        fields.add(CatalogDatasets.field("name", "姓名", "RESTRICTED", "chinese_name", false));
        fields.add(CatalogDatasets.field("district_code", "区县代码", "OPEN", "none", false));
        Map<String, Object> income = CatalogDatasets.field("income", "月收入", "RESTRICTED", "redact", false);
        income.put("type", "DECIMAL");
        fields.add(income);
        fields.add(CatalogDatasets.field("ethnicity", "民族", "FORBIDDEN", "redact", false));
        residents = new CatalogDatasets(CatalogForTests.url()).publish("civil-affairs", "RESTRICTED", fields);
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            boolean inside = i < 30;
            rows.append("{\"resident_id\":\"").append(IdentifierKind.RESIDENT_ID.random(RANDOM)).append("\",\"name\":\"")
                    .append(inside ? "张三" : OUTSIDE_SENTINEL).append("\",\"district_code\":\"").append(inside ? "320505" : "320506")
                    .append("\",\"income\":").append(INCOME_SENTINEL).append(",\"ethnicity\":\"").append(ETHNICITY_SENTINEL).append("\"}\n");
        }
        given().auth().oauth2(Tokens.of("civil-affairs-steward")).contentType("application/x-ndjson").body(rows.toString().getBytes(StandardCharsets.UTF_8))
                .post("/api/exchange/datasets/" + residents + "/versions/1/rows").then().statusCode(201).body("rowsAccepted", equalTo(50));
    }

    /** A request from hrss through endorsement to the provider's approval: the ACTIVE agreement's id. */
    static String agreement(List<String> fields, long quota) {
        return agreement(fields, quota, 10);
    }

    static String agreement(List<String> fields, long quota, int minGroupSize) {
        publishAndUpload();
        return agreement(residents, fields, quota, minGroupSize);
    }

    /** An ACTIVE agreement of hrss over {@code dataset} (civil-affairs'), filtered to district 320505. */
    static String agreement(UUID dataset, List<String> fields, long quota, int minGroupSize) {
        String id = endorsedRequest(dataset, fields, quota, minGroupSize);
        return act("civil-affairs-cdo", id, "approve", true).then().statusCode(200).extract().path("agreementId");
    }

    /** A request of hrss over {@code dataset}, submitted and endorsed: it waits for the provider. */
    static String endorsedRequest(UUID dataset, List<String> fields, long quota, int minGroupSize) {
        Map<String, Object> d = new HashMap<>();
        d.put("datasetId", dataset.toString());
        d.put("fields", fields);
        d.put("purpose", PURPOSE);
        d.put("purposeDetail", "核对低保申请人户籍 verify applicants' household registration");
        d.put("legalBasis", "《社会救助暂行办法》第十一条");
        d.put("accessMode", "VIEW");
        d.put("rowFilter", "district_code = '320505'");
        d.put("termStart", TODAY.toString());
        d.put("termEnd", TODAY.plusMonths(6).toString());
        d.put("dailyRowQuota", quota);
        d.put("expectedVolume", 10);
        d.put("retentionDays", 90);
        d.put("minGroupSize", minGroupSize);
        d.put("authorisedUsers", List.of("hrss-steward", "hrss-system"));
        d.put("caseReference", "人社〔2026〕7号");
        String id = given().auth().oauth2(Tokens.of("hrss-steward")).contentType("application/json").body(d).post("/api/exchange/requests")
                .then().statusCode(201).extract().path("id");
        act("hrss-steward", id, "submit", false);
        act("hrss-cdo", id, "endorse", true);
        return id;
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

    static Map<String, Object> query(List<String> fields, String filter, List<String> sort, Integer pageSize, String cursor, String purpose) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("mode", "VIEW");
        q.put("purpose", purpose);
        q.put("fields", fields);
        q.put("filter", filter);
        q.put("sort", sort);
        q.put("pageSize", pageSize);
        q.put("cursor", cursor);
        return q;
    }

    static Response read(String token, String agreementId, Map<String, Object> query) {
        return given().auth().oauth2(token).contentType("application/json").header("X-Case-Reference", "人社〔2026〕7号").body(query)
                .post("/api/exchange/agreements/" + agreementId + "/query");
    }

    static final List<String> GRANTED = List.of("resident_id", "name", "district_code");

    String outboxPayload(String eventId) {
        var rows = pool.preparedQuery("select payload from outbox_event where event_id = $1").execute(Tuple.of(UUID.fromString(eventId)))
                .await().atMost(Duration.ofSeconds(5));
        return rows.iterator().hasNext() ? rows.iterator().next().getString(0) : null;
    }

    @Test
    void aConsumerReadsMaskedRowsOfItsFilterInPagesAndEveryReadIsAudited() {
        String agreementId = agreement(GRANTED, 5000);
        Response r = read(Tokens.of("hrss-steward"), agreementId, query(GRANTED, null, null, 0, null, PURPOSE));
        r.then().statusCode(200);
        List<Map<String, Object>> rows = r.path("rows");
        assertThat(rows).hasSize(30);
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.keySet()).containsExactly("resident_id", "name", "district_code");
            assertThat(row.get("district_code")).isEqualTo("320505");
            assertThat(row.get("name")).isEqualTo("张*");
            assertThat((String) row.get("resident_id")).contains("****");
        });
        assertThat(r.asString()).doesNotContain(ETHNICITY_SENTINEL).doesNotContain(INCOME_SENTINEL).doesNotContain(OUTSIDE_SENTINEL);
        String eventId = r.header("X-Audit-Event-Id");
        assertThat(r.header("X-Request-Hash")).hasSize(64);
        String payload = outboxPayload(eventId);
        assertThat(payload).contains("\"action\":\"data.read\"").contains("\"rowCount\":30").contains("responseHash").contains(r.header("X-Request-Hash"));

        // cursor pages: 30 rows in pages of 12, none twice
        Set<Object> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page = given().auth().oauth2(Tokens.ofSystem("hrss")).contentType("application/json").header("X-On-Behalf-Of", "hrss-steward")
                    .header("X-Case-Reference", "人社〔2026〕7号")
                    .body(query(GRANTED, null, null, 12, cursor, PURPOSE)).post("/api/exchange/agreements/" + agreementId + "/query");
            page.then().statusCode(200);
            List<Map<String, Object>> got = page.path("rows");
            got.forEach(row -> assertThat(seen.add(row.get("resident_id"))).isTrue());
            cursor = page.path("nextCursor");
            pages++;
        } while (cursor != null);
        assertThat(seen).hasSize(30);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void concurrentReadsCommittedTogetherAreEachAuditedUnderTheirOwnTrace() throws Exception {
        String agreementId = agreement(GRANTED, 5000);
        String token = Tokens.of("hrss-steward");
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<String[]>> reads = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String traceId = String.format("%032x", 0x6f7600000000L + i);
                reads.add(callers.submit(() -> {
                    Response r = given().auth().oauth2(token).contentType("application/json").header("X-Case-Reference", "人社〔2026〕7号")
                            .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").body(query(GRANTED, null, null, 5, null, PURPOSE))
                            .post("/api/exchange/agreements/" + agreementId + "/query");
                    r.then().statusCode(200);
                    return new String[]{traceId, r.header("X-Audit-Event-Id")};
                }));
            }
            for (var read : reads) {
                String[] traceAndEvent = read.get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(outboxPayload(traceAndEvent[1])).contains("\"traceId\":\"" + traceAndEvent[0] + "\"");
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void everyDenialIsRefusedAuditedAndNamesNoUngrantedField() {
        String agreementId = agreement(GRANTED, 5000);
        Map<String, Object>[] cases = new Map[]{
                query(GRANTED, null, null, 0, null, "LAW_ENFORCEMENT"),
                query(List.of("resident_id", "income"), null, null, 0, null, PURPOSE),
                query(List.of("ethnicity"), null, null, 0, null, PURPOSE),
                query(GRANTED, "income > 5", null, 0, null, PURPOSE),
                query(GRANTED, "ethnicity = 'x'", null, 0, null, PURPOSE),
                query(GRANTED, "no_such_field = 'x'", null, 0, null, PURPOSE),
                query(GRANTED, null, List.of("income"), 0, null, PURPOSE),
                query(GRANTED, null, null, 100000, null, PURPOSE),
        };
        String[] slugs = {"purpose-mismatch", "field-not-granted", "field-forbidden", "filter-on-ungranted-field", "filter-on-ungranted-field",
                "filter-on-ungranted-field", "sort-on-ungranted-field", "page-too-large"};
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < cases.length; i++) {
            Response r = read(Tokens.of("hrss-steward"), agreementId, cases[i]);
            assertThat(r.statusCode()).as(slugs[i] + " " + r.asString()).isIn(400, 403);
            assertThat(r.<String>path("type")).endsWith(slugs[i]);
            assertThat(r.asString()).doesNotContain("income").doesNotContain("ethnicity").doesNotContain("no_such_field");
            String payload = outboxPayload(r.header("X-Audit-Event-Id"));
            assertThat(payload).contains("\"outcome\":\"DENIED\"");
            bodies.add(r.path("detail"));
        }
        assertThat(bodies.get(3)).isEqualTo(bodies.get(4)).isEqualTo(bodies.get(5));

        // another department, an unnamed clerk, a CDO: refused
        read(Tokens.of("health-steward"), agreementId, query(GRANTED, null, null, 0, null, PURPOSE)).then().statusCode(404);
        read(Tokens.of("hrss-steward"), UUID.randomUUID().toString(), query(GRANTED, null, null, 0, null, PURPOSE)).then().statusCode(404);
        given().auth().oauth2(Tokens.ofSystem("hrss")).contentType("application/json").header("X-On-Behalf-Of", "hrss-cdo")
                .body(query(GRANTED, null, null, 0, null, PURPOSE)).post("/api/exchange/agreements/" + agreementId + "/query")
                .then().statusCode(403).body("type", org.hamcrest.Matchers.endsWith("user-not-authorised"));
        read(Tokens.of("hrss-cdo"), agreementId, query(GRANTED, null, null, 0, null, PURPOSE)).then().statusCode(403);

        // revoked: refused on the next call
        read(Tokens.of("hrss-steward"), agreementId, query(GRANTED, null, null, 1, null, PURPOSE)).then().statusCode(200);
        given().auth().oauth2(Tokens.of("civil-affairs-cdo")).contentType("application/json").body(Map.of("reason", "数据泄露调查"))
                .post("/api/exchange/agreements/" + agreementId + "/revoke").then().statusCode(200);
        read(Tokens.of("hrss-steward"), agreementId, query(GRANTED, null, null, 1, null, PURPOSE)).then().statusCode(403)
                .body("type", org.hamcrest.Matchers.endsWith("grant-not-active"));
    }

    @Test
    void aSpentDailyQuotaIs429WithRetryAfter() {
        String agreementId = agreement(GRANTED, 15);
        read(Tokens.of("hrss-steward"), agreementId, query(GRANTED, null, null, 10, null, PURPOSE)).then().statusCode(200)
                .body("rows.size()", equalTo(10)).body("quotaRemaining", equalTo(5));
        read(Tokens.of("hrss-steward"), agreementId, query(GRANTED, null, null, 10, null, PURPOSE)).then().statusCode(200)
                .body("rows.size()", equalTo(5)).body("quotaRemaining", equalTo(0));
        Response spent = read(Tokens.of("hrss-steward"), agreementId, query(GRANTED, null, null, 10, null, PURPOSE));
        spent.then().statusCode(429);
        assertThat(Long.parseLong(spent.header("Retry-After"))).isBetween(1L, 86400L);
        assertThat(outboxPayload(spent.header("X-Audit-Event-Id"))).contains("DAILY_ROW_QUOTA_SPENT");
    }

    @Test
    void noUngrantedOrForbiddenSentinelAppearsInAnyResponse() {
        String agreementId = agreement(GRANTED, 5000);
        List<String> all = List.of("resident_id", "name", "district_code", "income", "ethnicity");
        List<String> filters = new ArrayList<>(List.of("", "district_code = '320506'", "income > 1", "ethnicity = '" + ETHNICITY_SENTINEL + "'",
                "name = '" + OUTSIDE_SENTINEL + "'", "district_code in ('320505', '320506')", "not district_code = '320505'"));
        Random random = new Random(11);
        for (int i = 0; i < 40; i++) {
            List<String> fields = new ArrayList<>();
            for (String f : all) {
                if (random.nextInt(3) == 0) {
                    fields.add(f);
                }
            }
            List<String> sort = random.nextBoolean() ? List.of() : List.of((random.nextBoolean() ? "-" : "") + all.get(random.nextInt(all.size())));
            Response r = read(Tokens.of("hrss-steward"), agreementId, query(fields, filters.get(random.nextInt(filters.size())), sort,
                    random.nextInt(20), null, PURPOSE));
            assertThat(r.statusCode()).isIn(200, 400, 403);
            assertThat(r.asString()).doesNotContain(ETHNICITY_SENTINEL).doesNotContain(INCOME_SENTINEL).doesNotContain(OUTSIDE_SENTINEL)
                    .doesNotContain("320506");
        }
    }

    static Map<String, Object> aggregate(List<String> groupBy, List<String> aggregates, String filter) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("mode", "AGGREGATE");
        q.put("purpose", PURPOSE);
        q.put("groupBy", groupBy);
        q.put("aggregates", aggregates);
        q.put("filter", filter);
        return q;
    }

    @Test
    void aggregatesGroupOnlyGrantedFieldsSuppressSmallGroupsAndTakeNoCallerFilter() {
        String agreementId = agreement(GRANTED, 5000);
        Response r = read(Tokens.of("hrss-steward"), agreementId, aggregate(List.of("district_code"), List.of("count", "count:name"), null));
        r.then().statusCode(200).body("groups.size()", equalTo(1)).body("groups[0].district_code", equalTo("320505"))
                .body("groups[0].count", equalTo(30)).body("groups[0].count_name", equalTo(30));
        assertThat(r.asString()).doesNotContain("320506").doesNotContain(OUTSIDE_SENTINEL).doesNotContain(ETHNICITY_SENTINEL);
        assertThat(outboxPayload(r.header("X-Audit-Event-Id"))).contains("\"action\":\"data.aggregate\"");

        read(Tokens.of("hrss-steward"), agreementId, aggregate(List.of("district_code"), List.of("count"), "district_code = '320505'"))
                .then().statusCode(400).body("type", org.hamcrest.Matchers.endsWith("aggregate-filter-not-allowed"));
        read(Tokens.of("hrss-steward"), agreementId, aggregate(List.of("income"), List.of("count"), null))
                .then().statusCode(403).body("type", org.hamcrest.Matchers.endsWith("group-by-on-ungranted-field"));
        read(Tokens.of("hrss-steward"), agreementId, aggregate(List.of("district_code"), List.of("sum:name"), null))
                .then().statusCode(403).body("type", org.hamcrest.Matchers.endsWith("aggregate-on-masked-field"));

        String strict = agreement(GRANTED, 5000, 31);
        read(Tokens.of("hrss-steward"), strict, aggregate(List.of("district_code"), List.of("count"), null))
                .then().statusCode(200).body("groups.size()", equalTo(0));
        read(Tokens.of("hrss-steward"), strict, aggregate(List.of(), List.of("count"), null))
                .then().statusCode(200).body("groups.size()", equalTo(0));
    }

    @Test
    void aTotalMinusTheVisibleGroupsDoesNotRevealASuppressedGroup() {
        List<Map<String, Object>> fields = new ArrayList<>();
        fields.add(CatalogDatasets.field("resident_id", "公民身份号码", "RESTRICTED", "resident_id", true));
        fields.add(CatalogDatasets.field("district_code", "区县代码", "OPEN", "none", false));
        fields.add(CatalogDatasets.field("sex", "性别", "OPEN", "none", false));
        Map<String, Object> income = CatalogDatasets.field("income", "月收入", "OPEN", "none", false);
        income.put("type", "DECIMAL");
        fields.add(income);
        UUID dataset = new CatalogDatasets(CatalogForTests.url()).publish("civil-affairs", "RESTRICTED", fields);
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            // 15 men earning 1000, 14 women earning 2000 and one person of another sex whose income is the secret
            String sex = i < 15 ? "M" : i < 29 ? "F" : "X";
            String pay = i < 15 ? "1000" : i < 29 ? "2000" : "99999.5";
            rows.append("{\"resident_id\":\"").append(IdentifierKind.RESIDENT_ID.random(RANDOM)).append("\",\"district_code\":\"320505\",\"sex\":\"")
                    .append(sex).append("\",\"income\":").append(pay).append("}\n");
        }
        given().auth().oauth2(Tokens.of("civil-affairs-steward")).contentType("application/x-ndjson").body(rows.toString().getBytes(StandardCharsets.UTF_8))
                .post("/api/exchange/datasets/" + dataset + "/versions/1/rows").then().statusCode(201);
        String agreementId = agreement(dataset, List.of("resident_id", "district_code", "sex", "income"), 5000, 10);

        Response total = read(Tokens.of("hrss-steward"), agreementId, aggregate(List.of(), List.of("count", "sum:income"), null));
        Response bySex = read(Tokens.of("hrss-steward"), agreementId, aggregate(List.of("sex"), List.of("count", "sum:income"), null));
        total.then().statusCode(200);
        bySex.then().statusCode(200).body("groups.size()", equalTo(2));
        List<Map<String, Object>> groups = bySex.path("groups");
        int groupCount = groups.stream().mapToInt(g -> ((Number) g.get("count")).intValue()).sum();
        double groupSum = groups.stream().mapToDouble(g -> ((Number) g.get("sum_income")).doubleValue()).sum();
        // the attack: total minus the released groups. Before the defence it gave 1 person and 99999.5; now nothing is left over.
        assertThat(((Number) total.path("groups[0].count")).intValue() - groupCount).isZero();
        assertThat(((Number) total.path("groups[0].sum_income")).doubleValue() - groupSum).isZero();
        assertThat(total.asString() + bySex.asString()).doesNotContain("99999").doesNotContain("\"X\"");

        // grouping by a decimal measure or a key is refused: neither is one of the agreement's dimensions
        read(Tokens.of("hrss-steward"), agreementId, aggregate(List.of("income"), List.of("count"), null))
                .then().statusCode(400).body("type", org.hamcrest.Matchers.endsWith("aggregate-group-not-a-dimension"));
    }

    @Test
    void whileARequestIsReviewedBothSidesSeeAFewMaskedSampleRowsUnderItsTerms() {
        publishAndUpload();
        String requestId = endorsedRequest(residents, GRANTED, 5000, 10);
        for (String user : List.of("civil-affairs-cdo", "hrss-steward", "hrss-cdo")) {
            Response sample = given().auth().oauth2(Tokens.of(user)).get("/api/exchange/requests/" + requestId + "/sample");
            sample.then().statusCode(200).body("terms", equalTo("requested"));
            List<Map<String, Object>> rows = sample.path("rows");
            assertThat(rows).hasSize(5).allSatisfy(row -> {
                assertThat(row.keySet()).containsExactly("resident_id", "name", "district_code");
                assertThat(row.get("name")).isEqualTo("张*");
                assertThat((String) row.get("resident_id")).contains("****");
                assertThat(row.get("district_code")).isEqualTo("320505");
            });
            assertThat(sample.asString()).doesNotContain(ETHNICITY_SENTINEL).doesNotContain(INCOME_SENTINEL).doesNotContain(OUTSIDE_SENTINEL);
            assertThat(outboxPayload(sample.path("auditEventId"))).contains("\"action\":\"data.sample\"");
        }
        // neither a third department nor the provider's steward; and not once the request is decided
        given().auth().oauth2(Tokens.of("health-cdo")).get("/api/exchange/requests/" + requestId + "/sample").then().statusCode(404);
        given().auth().oauth2(Tokens.of("civil-affairs-steward")).get("/api/exchange/requests/" + requestId + "/sample").then().statusCode(404);
        act("civil-affairs-cdo", requestId, "approve", true);
        given().auth().oauth2(Tokens.of("civil-affairs-cdo")).get("/api/exchange/requests/" + requestId + "/sample").then().statusCode(409);
    }
}
