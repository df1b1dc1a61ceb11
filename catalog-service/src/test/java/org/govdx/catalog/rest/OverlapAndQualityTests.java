package org.govdx.catalog.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.govdx.catalog.service.SearchText;
import org.govdx.catalog.support.Catalog;
import org.govdx.testsupport.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** One source for one datum (overlap at submission, DOMAIN rule 11) and quality figures (rule 10). */
@QuarkusTest
class OverlapAndQualityTests {

    @Inject
    Pool pool;

    @BeforeEach
    void basics() {
        Catalog.ensureBasics();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSubmissionListsPublishedDatasetsCoveringTheSameElementsOrSimilarFields() {
        String residents = Catalog.publish(Catalog.demo("MCA-RESIDENTS"), "civil-affairs-steward", "civil-affairs-cdo");

        Map<String, Object> body = Catalog.demo("HRSS-SOCIAL-INSURANCE-PAYMENTS");
        List<Map<String, Object>> fields = Catalog.fields(body);
        Map<String, Object> mobile = new LinkedHashMap<>();           // same element as the residents' mobile
        mobile.put("name", "contact_mobile");
        mobile.put("titleZh", "联系手机号码");
        mobile.put("titleEn", "Contact mobile");
        mobile.put("type", "STRING");
        mobile.put("dataElement", "DE0006");
        mobile.put("fieldClass", "RESTRICTED");
        mobile.put("defaultMasking", "mobile");
        fields.add(mobile);
        Map<String, Object> address = new LinkedHashMap<>();          // no element, but named and titled like the residents' address
        address.put("name", "registered_address");
        address.put("titleZh", "户籍地址");
        address.put("titleEn", "Registered address");
        address.put("type", "STRING");
        address.put("fieldClass", "RESTRICTED");
        address.put("defaultMasking", "address");
        fields.add(address);
        String id = Catalog.create("hrss-steward", body).then().statusCode(201).extract().path("id");
        Response submitted = given().auth().oauth2(Tokens.of("hrss-steward")).post("/api/catalog/datasets/" + id + "/submit");
        submitted.then().statusCode(200).body("overlap.checkedAt", notNullValue());

        Map<String, Object> candidate = submitted.jsonPath().getMap("overlap.candidates.find { it.datasetId == '" + residents + "' }");
        assertThat(candidate).as("the residents register is a reuse candidate").isNotNull();
        assertThat(candidate.get("ownerDepartment")).isEqualTo("civil-affairs");
        assertThat((List<Object>) candidate.get("sharedDataElements")).contains("DE0001", "DE0006", "DE0007");
        assertThat(((Number) candidate.get("score")).doubleValue()).isBetween(0.3, 1.0);
        List<Map<String, Object>> similar = submitted.jsonPath().getList("overlap.candidates.find { it.datasetId == '" + residents + "' }.similarFields");
        Map<String, Object> addressMatch = similar.stream().filter(m -> m.get("field").equals("registered_address")).findFirst().orElseThrow();
        assertThat(addressMatch.get("existingField")).isEqualTo("address");
        assertThat(((Number) addressMatch.get("similarity")).doubleValue()).isGreaterThanOrEqualTo(0.5);

        // stored with the submission, shown on the version for the approving CDO, and on the dataset once published
        given().auth().oauth2(Tokens.of("hrss-cdo")).get("/api/catalog/datasets/" + id + "/versions/1").then()
                .body("overlap.candidates.datasetId", hasItem(residents));
        given().auth().oauth2(Tokens.of("hrss-cdo")).post("/api/catalog/datasets/" + id + "/publish").then().statusCode(200);
        given().auth().oauth2(Tokens.of("transport-steward")).get("/api/catalog/datasets/" + id).then()
                .body("overlap.candidates.datasetId", hasItem(residents));
        // a dataset is never its own overlap, and drafts are not candidates
        given().auth().oauth2(Tokens.of("hrss-cdo")).get("/api/catalog/datasets/" + id).then()
                .body("overlap.candidates.datasetId", org.hamcrest.Matchers.not(hasItem(id)));
    }

    @Test
    void qualityComesFromTheExchangeServiceKeepsItsHistoryAndDerivesTimeliness() {
        Map<String, Object> body = Catalog.demo("SAMR-FOOD-SAFETY-INSPECTIONS"); // updated WEEKLY
        String id = Catalog.publish(body, "market-regulation-steward", "market-regulation-cdo");
        String service = Tokens.ofService();
        OffsetDateTime old = OffsetDateTime.now(ZoneOffset.UTC).minusDays(28);
        Map<String, Object> figures = Map.of("completeness", 0.9, "validity", 0.95, "uniqueness", 1.0, "rowCount", 1000, "measuredAt", old.toString());

        given().auth().oauth2(Tokens.of("market-regulation-cdo")).contentType("application/json").body(figures)
                .put("/api/catalog/datasets/" + id + "/versions/1/quality").then().statusCode(403)
                .body("type", equalTo("https://govdx.org/problems/service-only"));
        given().auth().oauth2(service).contentType("application/json").body(figures)
                .put("/api/catalog/datasets/" + id + "/versions/1/quality").then().statusCode(200)
                .body("completeness", equalTo(0.9f)).body("stale", equalTo(true)).body("timeliness", equalTo(0.25f)); // 7 days / 28 days
        given().auth().oauth2(service).contentType("application/json").body(figures)
                .put("/api/catalog/datasets/" + id + "/versions/1/quality").then().statusCode(200); // the same measurement again: replaced, not doubled

        OffsetDateTime recent = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1);
        given().auth().oauth2(service).contentType("application/json")
                .body(Map.of("completeness", 0.98, "validity", 0.99, "uniqueness", 0.999, "rowCount", 1010, "measuredAt", recent.toString(),
                        "lastUploadAt", recent.minusMinutes(5).toString()))
                .put("/api/catalog/datasets/" + id + "/versions/1/quality").then().statusCode(200)
                .body("timeliness", equalTo(1.0f)).body("stale", equalTo(false));

        given().auth().oauth2(Tokens.of("hrss-steward")).get("/api/catalog/datasets/" + id).then()
                .body("quality.version", equalTo(1)).body("quality.completeness", equalTo(0.98f)).body("quality.rowCount", equalTo(1010))
                .body("quality.corrections.open", equalTo(0));
        given().auth().oauth2(Tokens.of("hrss-steward")).queryParam("limit", 1).get("/api/catalog/datasets/" + id + "/versions/1/quality/history")
                .then().statusCode(200).body("size()", equalTo(1)).body("[0].rowCount", equalTo(1010)).header("Link", notNullValue());
        given().auth().oauth2(Tokens.of("hrss-steward")).get("/api/catalog/datasets/" + id + "/versions/1/quality/history")
                .then().body("rowCount", equalTo(List.of(1010, 1000)));
        given().auth().oauth2(Tokens.of("hrss-steward")).get("/api/catalog/datasets/" + id + "/versions/1/quality").then().statusCode(200)
                .body("uniqueness", equalTo(0.999f));
        assertThat(Catalog.allowed(pool, "dataset.quality-measured", id)).isEqualTo(3);
        assertThat(Catalog.events(pool, "dataset.quality-measured", id, true)).isEqualTo(1);
    }

    @Test
    void badQualityFiguresAreRefused() {
        String id = Catalog.publish(Catalog.demo("MOT-TRAFFIC-COUNTS"), "transport-steward", "transport-cdo");
        String service = Tokens.ofService();
        String now = OffsetDateTime.now(ZoneOffset.UTC).toString();
        given().auth().oauth2(service).contentType("application/json")
                .body(Map.of("completeness", 1.2, "validity", -0.1, "uniqueness", 1.0, "rowCount", -1, "measuredAt", now))
                .put("/api/catalog/datasets/" + id + "/versions/1/quality").then().statusCode(400)
                .body("errors.field", hasItem("completeness")).body("errors.field", hasItem("validity")).body("errors.field", hasItem("rowCount"));
        given().auth().oauth2(service).contentType("application/json")
                .body(Map.of("completeness", 1, "validity", 1, "uniqueness", 1, "rowCount", 1, "measuredAt", OffsetDateTime.now().plusDays(2).toString()))
                .put("/api/catalog/datasets/" + id + "/versions/1/quality").then().statusCode(400).body("errors.field", hasItem("measuredAt"));
        given().auth().oauth2(service).contentType("application/json")
                .body(Map.of("completeness", 1, "validity", 1, "uniqueness", 1, "rowCount", 1, "measuredAt", now))
                .put("/api/catalog/datasets/" + id + "/versions/9/quality").then().statusCode(404);
        given().auth().oauth2(Tokens.of("transport-steward")).post("/api/catalog/datasets/" + id + "/versions").then().statusCode(201);
        given().auth().oauth2(service).contentType("application/json")
                .body(Map.of("completeness", 1, "validity", 1, "uniqueness", 1, "rowCount", 1, "measuredAt", now))
                .put("/api/catalog/datasets/" + id + "/versions/2/quality").then().statusCode(409)
                .body("type", equalTo("https://govdx.org/problems/not-published"));
        given().auth().oauth2(Tokens.of("health-steward")).get("/api/catalog/datasets/" + id).then().body("quality", nullValue());
    }

    @Test
    void theJavaAndTheDatabaseNormaliseSearchTextAlike() {
        for (String s : List.of("户籍", "Resident Household 登记", "ID号码·（新）", "MIXED case ÄÖ", "𠀀 rare")) {
            String database = pool.preparedQuery("select catalog_search_text($1)").execute(io.vertx.mutiny.sqlclient.Tuple.of(s))
                    .await().atMost(Duration.ofSeconds(5)).iterator().next().getString(0);
            assertThat(SearchText.normalise(s)).as(s).isEqualTo(database);
        }
    }
}
