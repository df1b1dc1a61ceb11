package org.govdx.acceptance;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.govdx.rules.identifiers.IdentifierKind;
import org.govdx.testsupport.CatalogDatasets;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * A small world in the stack under test, made through the public API as departments make it: the provider's
 * residents dataset (RESTRICTED, with a FORBIDDEN and an ungranted RESTRICTED field) with rows whose secret values
 * are sentinels, an ACTIVE VIEW agreement of the consumer, a request waiting for the consumer CDO, a correction.
 * Every value that must never leave the provider is in {@link #sentinels()}.
 */
public final class World {

    public static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    public static final String PURPOSE = "SOCIAL_ASSISTANCE_ELIGIBILITY";
    public static final String CASE_REFERENCE = "人社〔2026〕7号";
    public static final List<String> GRANTED = List.of("resident_id", "name", "district_code");
    public static final int ROWS = 60;
    public static final int ROWS_IN_FILTER = 40;

    private final Random random;
    private final String tag;
    private final Set<String> sentinels = new LinkedHashSet<>();
    public final UUID dataset;
    public final String datasetCode;
    public final String uploadId;
    public final String agreementId;
    public final String requestId;
    public final String correctionId;
    /** An ACTIVE EXTRACT agreement of the consumer over the hosted dataset (same fields and filter as the VIEW one). */
    public final String extractAgreementId;
    /** The provider's endpoint behind {@link #proxiedDataset}, served by this JVM; its bearer token is a sentinel too. */
    public final ProxiedProvider provider;
    /** The same fields, served by the provider's endpoint (distribution PROXIED), and an ACTIVE VIEW agreement over it. */
    public final UUID proxiedDataset;
    public final String proxiedAgreementId;

    /** Builds a new world; {@code seed} fixes the generated values. */
    public World(long seed) {
        random = new Random(seed);
        tag = Long.toString(Math.abs(random.nextLong()), 36).toUpperCase();
        String gateway = AcceptanceStack.GATEWAY;
        CatalogDatasets catalog = new CatalogDatasets(gateway);
        for (String department : List.of(Principals.PROVIDER, Principals.CONSUMER, Principals.OTHER)) {
            catalog.registerDepartment(department);
        }
        List<Map<String, Object>> fields = new ArrayList<>();
        fields.add(CatalogDatasets.field("resident_id", "公民身份号码", "RESTRICTED", "resident_id", true));
        fields.add(CatalogDatasets.field("name", "姓名", "RESTRICTED", "chinese_name", false));
        fields.add(CatalogDatasets.field("district_code", "区县代码", "OPEN", "none", false));
        Map<String, Object> income = CatalogDatasets.field("income", "月收入", "RESTRICTED", "redact", false);
        income.put("type", "DECIMAL");
        fields.add(income);
        fields.add(CatalogDatasets.field("ethnicity", "民族", "FORBIDDEN", "redact", false));
        catalog.registerDepartment(Probes.dataElement().path("sourceDepartment").asText());
        World.as("platform-admin").contentType("application/json").body(Probes.dataElement())
                .put("/api/catalog/data-elements/" + Probes.dataElement().path("code").asText());
        dataset = catalog.publish(Principals.PROVIDER, "RESTRICTED", fields);
        datasetCode = as("provider-steward").get("/api/catalog/datasets/" + dataset).then().statusCode(200).extract().path("code");

        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < ROWS; i++) {
            boolean inside = i < ROWS_IN_FILTER;
            String residentId = IdentifierKind.RESIDENT_ID.random(random);
            String name = "Z" + sentinel("NAME" + i);
            String incomeValue = "9" + (100000 + random.nextInt(800000)) + ".37";
            sentinels.add(residentId);
            sentinels.add(incomeValue);
            rows.append("{\"resident_id\":\"").append(residentId).append("\",\"name\":\"").append(name)
                    .append("\",\"district_code\":\"").append(inside ? "320505" : "320506")
                    .append("\",\"income\":").append(incomeValue)
                    .append(",\"ethnicity\":\"").append(sentinel("ETHNICITY" + i)).append("\"}\n");
        }
        uploadId = as("provider-steward").contentType("application/x-ndjson").body(rows.toString().getBytes(StandardCharsets.UTF_8))
                .post("/api/exchange/datasets/" + dataset + "/versions/1/rows").then().statusCode(201).extract().path("id");

        agreementId = agreement("VIEW", 1_000_000);
        requestId = draft("VIEW");
        act("consumer-steward", requestId, "submit", false);

        Response correction = as("consumer-steward").contentType("application/json")
                .body(Map.of("recordKey", Map.of("resident_id", "320505199001011233"), "field", "name", "proposedValue", "李四",
                        "evidence", "本人到窗口办理业务时出示的户口簿"))
                .post("/api/catalog/datasets/" + dataset + "/corrections");
        correctionId = correction.statusCode() == 201 ? correction.path("id") : UUID.randomUUID().toString();

        extractAgreementId = agreement("EXTRACT", 1_000_000);

        // the proxied dataset: its rows stay at the provider, whose endpoint answers them with every secret the hosted rows have,
        // plus a member outside the catalog's schema
        provider = new ProxiedProvider(sentinel("PROVIDERTOKEN"));
        StringBuilder proxied = new StringBuilder("{\"rows\":[");
        for (int i = 0; i < ROWS; i++) {
            boolean inside = i < ROWS_IN_FILTER;
            String residentId = IdentifierKind.RESIDENT_ID.random(random);
            String incomeValue = "8" + (100000 + random.nextInt(800000)) + ".29";
            sentinels.add(residentId);
            sentinels.add(incomeValue);
            proxied.append(i == 0 ? "" : ",").append("{\"resident_id\":\"").append(residentId).append("\",\"name\":\"Z")
                    .append(sentinel("PROXYNAME" + i)).append("\",\"district_code\":\"").append(inside ? "320505" : "320506")
                    .append("\",\"income\":").append(incomeValue).append(",\"ethnicity\":\"").append(sentinel("PROXYETHNICITY" + i))
                    .append("\",\"phone_secret\":\"").append(sentinel("PROXYEXTRA" + i)).append("\"}");
        }
        provider.serve(proxied.append("]}").toString());
        proxiedDataset = catalog.publish(Principals.PROVIDER, "RESTRICTED", fields, Map.of("mode", "PROXIED", "endpoint", provider.url("/residents")));
        as("provider-steward").contentType("application/json")
                .body(Map.of("endpoint", provider.url("/residents"), "auth", Map.of("scheme", "BEARER", "token", provider.token())))
                .put("/api/exchange/datasets/" + proxiedDataset + "/versions/1/proxy").then().statusCode(200);
        proxiedAgreementId = agreement("VIEW", 1_000_000, proxiedDataset);
    }

    private static World shared;

    /** The world the suite's cases share (made once per test JVM, seed 20261123). */
    public static synchronized World shared() {
        if (shared == null) {
            try {
                AcceptanceStack.start();
            } catch (Exception e) {
                throw new IllegalStateException("the stack did not start", e);
            }
            shared = new World(20261123L);
        }
        return shared;
    }

    private String sentinel(String what) {
        String value = "SENTINEL" + tag + what;
        sentinels.add(value);
        return value;
    }

    /** Every value of the dataset the consumer must never see in clear: FORBIDDEN, ungranted, outside the filter, unmasked. */
    public Set<String> sentinels() {
        return sentinels;
    }

    /** A request of the consumer for this world's dataset, drafted (not submitted): its id. */
    public String draft(String mode) {
        return as("consumer-steward").contentType("application/json").body(draftBody(mode)).post("/api/exchange/requests")
                .then().statusCode(201).extract().path("id");
    }

    public Map<String, Object> draftBody(String mode) {
        return draftBody(mode, dataset);
    }

    public Map<String, Object> draftBody(String mode, UUID datasetId) {
        Map<String, Object> d = new HashMap<>();
        d.put("datasetId", datasetId.toString());
        d.put("fields", GRANTED);
        d.put("purpose", PURPOSE);
        d.put("purposeDetail", "核对低保申请人户籍 verify applicants' household registration");
        d.put("legalBasis", "《社会救助暂行办法》第十一条");
        d.put("accessMode", mode);
        d.put("rowFilter", "district_code = '320505'");
        d.put("termStart", TODAY.toString());
        d.put("termEnd", TODAY.plusMonths(6).toString());
        d.put("dailyRowQuota", 1_000_000);
        d.put("expectedVolume", 10);
        d.put("retentionDays", 90);
        d.put("minGroupSize", 5);
        d.put("authorisedUsers", List.of(Principals.CONSUMER + "-steward", Principals.CONSUMER + "-system"));
        d.put("caseReference", CASE_REFERENCE);
        return d;
    }

    /** A new ACTIVE agreement of the consumer over this world's dataset: its id. */
    public String agreement(String mode, long dailyRowQuota) {
        return agreement(mode, dailyRowQuota, dataset);
    }

    /** A new ACTIVE agreement of the consumer over one of this world's datasets: its id. */
    public String agreement(String mode, long dailyRowQuota, UUID datasetId) {
        Map<String, Object> body = draftBody(mode, datasetId);
        body.put("dailyRowQuota", dailyRowQuota);
        String id = as("consumer-steward").contentType("application/json").body(body).post("/api/exchange/requests")
                .then().statusCode(201).extract().path("id");
        act("consumer-steward", id, "submit", false);
        act("consumer-cdo", id, "endorse", true);
        return act("provider-cdo", id, "approve", true).path("agreementId");
    }

    static Response act(String column, String id, String action, boolean ifMatch) {
        RequestSpecification spec = as(column).contentType("application/json");
        if (ifMatch) {
            spec.header("If-Match", as(column).get("/api/exchange/requests/" + id).header("ETag"));
        }
        Response r = spec.body(Map.of("reason", "符合最小必要原则")).post("/api/exchange/requests/" + id + "/" + action);
        if (r.statusCode() != 200) {
            throw new IllegalStateException(action + " by " + column + " answered " + r.statusCode() + ": " + r.asString());
        }
        return r;
    }

    /** A request through the gateway as a matrix column (system columns act on behalf of their steward). */
    public static RequestSpecification as(String column) {
        return as(AcceptanceStack.GATEWAY, column);
    }

    public static RequestSpecification as(String baseUri, String column) {
        RequestSpecification spec = RestAssured.given().baseUri(baseUri).urlEncodingEnabled(true);
        String token = Principals.token(column);
        if (token != null) {
            spec.auth().oauth2(token);
        }
        String onBehalfOf = Principals.onBehalfOf(column);
        if (onBehalfOf != null) {
            spec.header("X-On-Behalf-Of", onBehalfOf);
        }
        return spec;
    }

    /** A governed VIEW read of the consumer's steward. */
    public static Response read(String agreementId, Map<String, Object> query) {
        return as("consumer-steward").contentType("application/json").header("X-Case-Reference", CASE_REFERENCE).body(query)
                .post("/api/exchange/agreements/" + agreementId + "/query");
    }

    public static Map<String, Object> view(List<String> fields, int pageSize) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("mode", "VIEW");
        q.put("purpose", PURPOSE);
        q.put("fields", fields);
        q.put("pageSize", pageSize);
        return q;
    }

    public static Map<String, Object> aggregate(List<String> groupBy, List<String> aggregates) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("mode", "AGGREGATE");
        q.put("purpose", PURPOSE);
        q.put("groupBy", groupBy);
        q.put("aggregates", aggregates);
        return q;
    }

}
