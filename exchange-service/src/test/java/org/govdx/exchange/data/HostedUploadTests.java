package org.govdx.exchange.data;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.govdx.exchange.CatalogForTests;
import org.govdx.rules.identifiers.IdentifierKind;
import org.govdx.testsupport.CatalogDatasets;
import org.govdx.testsupport.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class HostedUploadTests {

    static UUID residents;
    static final Random RANDOM = new Random(42);

    @Inject
    Pool pool;

    @BeforeAll
    static void publish() {
        String catalog = CatalogForTests.url();
        element(catalog, "XT-RESIDENT-ID", "STRING", "RESIDENT_ID");
        element(catalog, "XT-DIVISION", "STRING", "DIVISION_CODE");
        List<Map<String, Object>> fields = new ArrayList<>();
        Map<String, Object> id = CatalogDatasets.field("resident_id", "公民身份号码", "RESTRICTED", "resident_id", true);
        id.put("dataElement", "XT-RESIDENT-ID");
        fields.add(id);
        fields.add(CatalogDatasets.field("name", "姓名", "RESTRICTED", "chinese_name", false));
        Map<String, Object> district = CatalogDatasets.field("district_code", "区县代码", "OPEN", "none", false);
        district.put("dataElement", "XT-DIVISION");
        district.put("required", true);
        fields.add(district);
        Map<String, Object> income = CatalogDatasets.field("income", "月收入", "RESTRICTED", "redact", false);
        income.put("type", "DECIMAL");
        fields.add(income);
        fields.add(CatalogDatasets.field("ethnicity", "民族", "FORBIDDEN", "redact", false));
        residents = new CatalogDatasets(catalog).publish("civil-affairs", "RESTRICTED", fields);
    }

    static void element(String catalog, String code, String type, String validator) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("code", code);
        e.put("nameZh", code);
        e.put("nameEn", code);
        e.put("definition", "测试数据元 test element");
        e.put("type", type);
        e.put("validator", validator);
        e.put("collectionFrequency", "DAILY");
        Response r = RestAssured.given().baseUri(catalog).auth().oauth2(Tokens.of("platform-admin")).contentType("application/json").body(e)
                .put("/api/catalog/data-elements/" + code);
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
    }

    static String row(String id, String district, Object income) {
        return "{\"resident_id\":\"" + id + "\",\"name\":\"张三\",\"district_code\":\"" + district + "\",\"income\":" + income + ",\"ethnicity\":\"汉\"}";
    }

    static String validRows(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(row(IdentifierKind.RESIDENT_ID.random(RANDOM), "320505", 1000 + i)).append('\n');
        }
        return sb.toString();
    }

    static Response upload(String user, String query, String contentType, byte[] body, boolean gzip) {
        return uploadAs(Tokens.of(user), query, contentType, body, gzip);
    }

    static Response uploadAs(String token, String query, String contentType, byte[] body, boolean gzip) {
        var spec = given().auth().oauth2(token).contentType(contentType).body(body);
        if (gzip) {
            spec.header("Content-Encoding", "gzip");
        }
        return spec.post("/api/exchange/datasets/" + residents + "/versions/1/rows" + query);
    }

    long stored() {
        return pool.preparedQuery("select count(*) from hosted_row where dataset_id = $1 and dataset_version = 1").execute(Tuple.of(residents))
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0);
    }

    @Test
    void theOwnerUploadsNdjsonReplacesAppendsAndTheCatalogShowsTheQuality() {
        Response r = upload("civil-affairs-steward", "", "application/x-ndjson", validRows(1200).getBytes(StandardCharsets.UTF_8), false);
        r.then().statusCode(201).body("state", equalTo("COMPLETED")).body("rowsAccepted", equalTo(1200)).body("rowsRejected", equalTo(0))
                .body("quality.completeness", equalTo(1.0f)).body("quality.validity", equalTo(1.0f)).body("quality.uniqueness", equalTo(1.0f));
        assertThat(stored()).isEqualTo(1200);
        String id = r.path("id");
        given().auth().oauth2(Tokens.of("civil-affairs-cdo")).get("/api/exchange/datasets/" + residents + "/versions/1/uploads/" + id)
                .then().statusCode(200).body("state", equalTo("COMPLETED")).body("rowsRead", equalTo(1200));
        given().auth().oauth2(Tokens.of("hrss-steward")).get("/api/exchange/datasets/" + residents + "/versions/1/uploads/" + id)
                .then().statusCode(404);

        // replace, then append a duplicate key: uniqueness drops below 1
        String one = IdentifierKind.RESIDENT_ID.random(RANDOM);
        uploadAs(Tokens.ofSystem("civil-affairs"), "?mode=replace", "application/x-ndjson", (row(one, "320505", 1) + "\n").getBytes(StandardCharsets.UTF_8), false)
                .then().statusCode(201).body("quality.rowCount", equalTo(1));
        assertThat(stored()).isEqualTo(1);
        upload("civil-affairs-steward", "?mode=append", "application/x-ndjson", (row(one, "320505", 2) + "\n").getBytes(StandardCharsets.UTF_8), false)
                .then().statusCode(201).body("quality.rowCount", equalTo(2)).body("quality.uniqueness", equalTo(0.5f));
        assertThat(stored()).isEqualTo(2);

        Response dataset = RestAssured.given().baseUri(CatalogForTests.url()).auth().oauth2(Tokens.of("civil-affairs-steward"))
                .get("/api/catalog/datasets/" + residents);
        assertThat(dataset.asString()).contains("uniqueness");
        Number uniqueness = dataset.path("quality.uniqueness");
        assertThat(uniqueness.doubleValue()).isEqualTo(0.5);
    }

    @Test
    void gzipCsvIsAccepted() throws IOException {
        StringBuilder csv = new StringBuilder("resident_id,name,district_code,income,ethnicity\n");
        for (int i = 0; i < 50; i++) {
            csv.append(IdentifierKind.RESIDENT_ID.random(RANDOM)).append(",\"张,三\",320505,12.5,汉\n");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(csv.toString().getBytes(StandardCharsets.UTF_8));
        }
        upload("civil-affairs-steward", "?mode=replace", "text/csv", bytes.toByteArray(), true)
                .then().statusCode(201).body("format", equalTo("CSV")).body("rowsAccepted", equalTo(50));
        assertThat(stored()).isEqualTo(50);
        upload("civil-affairs-steward", "?mode=append", "text/csv", "not gzip".getBytes(StandardCharsets.UTF_8), true).then().statusCode(400);
        assertThat(stored()).isEqualTo(50);
    }

    @Test
    void badRowsAreReportedByRowFieldAndReasonAtomicStoresNothingOtherwiseTheValidRows() {
        String before = validRows(3);
        upload("civil-affairs-steward", "?mode=replace", "application/x-ndjson", before.getBytes(StandardCharsets.UTF_8), false).then().statusCode(201);
        String body = validRows(2) + row("110105194912310021", "320505", 5) + "\n" + row(IdentifierKind.RESIDENT_ID.random(RANDOM), "ZZ9Z9Z", "\"SECRETVAL\"")
                + "\n{not json SECRETVAL\n" + "{\"resident_id\":\"" + IdentifierKind.RESIDENT_ID.random(RANDOM) + "\",\"district_code\":\"320505\",\"LEAKME\":1}\n";
        Response rejected = upload("civil-affairs-steward", "?mode=replace", "application/x-ndjson", body.getBytes(StandardCharsets.UTF_8), false);
        rejected.then().statusCode(422).body("state", equalTo("REJECTED")).body("rowsRead", equalTo(6)).body("rowsRejected", equalTo(4))
                .body("rowsAccepted", equalTo(0));
        assertThat(rejected.asString()).doesNotContain("110105194912310021").doesNotContain("ZZ9Z9Z").doesNotContain("SECRETVAL").doesNotContain("not json");
        List<Map<String, Object>> errors = rejected.path("errors");
        assertThat(errors).extracting(e -> e.get("row") + ":" + e.get("field"))
                .contains("3:resident_id", "4:district_code", "4:income", "5:null", "6:LEAKME");
        assertThat(stored()).isEqualTo(3); // the previous version is untouched

        upload("civil-affairs-steward", "?mode=replace&atomic=false", "application/x-ndjson", body.getBytes(StandardCharsets.UTF_8), false)
                .then().statusCode(201).body("rowsAccepted", equalTo(2)).body("rowsRejected", equalTo(4))
                .body("quality.validity", org.hamcrest.Matchers.lessThan(1.0f));
        assertThat(stored()).isEqualTo(2);
        Row first = pool.preparedQuery("select data::text from hosted_row where dataset_id = $1 order by row_no limit 1").execute(Tuple.of(residents))
                .await().atMost(Duration.ofSeconds(5)).iterator().next();
        assertThat(first.getString(0)).contains("\"income\": 1000");
    }

    @Test
    void onlyTheOwnerDepartmentsStewardOrSystemUploads() {
        byte[] body = validRows(1).getBytes(StandardCharsets.UTF_8);
        upload("hrss-steward", "", "application/x-ndjson", body, false).then().statusCode(403);
        upload("civil-affairs-cdo", "", "application/x-ndjson", body, false).then().statusCode(403);
        upload("civil-affairs-steward", "?mode=upsert", "application/x-ndjson", body, false).then().statusCode(400);
    }
}
