package org.govdx.catalog.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.govdx.catalog.support.Catalog;
import org.govdx.testsupport.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** The shared data elements (DOMAIN rule 9): admin-managed, validated values, and who publishes them (rule 11). */
@QuarkusTest
class DataElementResourceTests {

    @Inject
    Pool pool;

    @BeforeEach
    void basics() {
        Catalog.ensureBasics();
    }

    private static Map<String, Object> element(String code) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("code", code);
        e.put("nameZh", "测试元素");
        e.put("nameEn", "Test element");
        e.put("definition", "A test element.");
        e.put("type", "STRING");
        e.put("validator", "PATTERN");
        e.put("pattern", "^T\\d{3}$");
        e.put("enumValues", null);
        e.put("collectionFrequency", "YEARLY");
        e.put("sourceDepartment", "transport");
        return e;
    }

    private static String code() {
        return "TE" + Catalog.uniqueCode("X").replace("-", "").substring(3);
    }

    @Test
    void theDemoElementsAreListedInPagesWithTheContractShape() {
        Response first = given().auth().oauth2(Tokens.ofService()).queryParam("limit", 10).get("/api/catalog/data-elements");
        first.then().statusCode(200).body("size()", equalTo(10)).body("[0].code", equalTo("DE0001"))
                .body("[0].nameZh", equalTo("公民身份号码")).body("[0].validator", equalTo("RESIDENT_ID"))
                .body("[0].sourceDepartment", equalTo("public-security")).body("[0].pattern", nullValue());
        String link = first.header("Link");
        assertThat(link).contains("rel=\"next\"").contains("cursor=");
        Set<String> codes = new HashSet<>(first.jsonPath().getList("code"));
        String next = link.substring(1, link.indexOf('>'));
        while (next != null) {
            Response page = given().auth().oauth2(Tokens.of("hrss-steward")).get(next);
            page.then().statusCode(200);
            for (String c : page.jsonPath().<String>getList("code")) {
                assertThat(codes.add(c)).as("no element twice").isTrue();
            }
            String l = page.header("Link");
            next = l == null ? null : l.substring(1, l.indexOf('>'));
        }
        assertThat(codes).contains("DE0001", "DE0025");
        given().auth().oauth2(Tokens.of("hrss-steward")).get("/api/catalog/data-elements/DE0003").then().statusCode(200)
                .body("enumValues", equalTo(List.of("男", "女"))).body("type", equalTo("ENUM")).header("ETag", equalTo("\"0\""));
        given().auth().oauth2(Tokens.of("hrss-steward")).get("/api/catalog/data-elements/DE9999").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void onlyThePlatformAdminManagesElementsWithOptimisticConcurrency() {
        String code = code();
        given().auth().oauth2(Tokens.of("transport-cdo")).contentType("application/json").body(element(code))
                .put("/api/catalog/data-elements/" + code).then().statusCode(403).body("type", equalTo("https://govdx.org/problems/platform-admin-only"));
        given().auth().oauth2(Tokens.of("platform-admin")).get("/api/catalog/data-elements/" + code).then().statusCode(404);

        String admin = Tokens.of("platform-admin");
        given().auth().oauth2(admin).contentType("application/json").body(element(code)).put("/api/catalog/data-elements/" + code)
                .then().statusCode(200).header("ETag", "\"0\"");
        given().auth().oauth2(admin).contentType("application/json").body(element(code)).put("/api/catalog/data-elements/" + code)
                .then().statusCode(200).header("ETag", "\"0\""); // idempotent
        Map<String, Object> renamed = element(code);
        renamed.put("nameEn", "Renamed");
        given().auth().oauth2(admin).contentType("application/json").header("If-Match", "\"0\"").body(renamed)
                .put("/api/catalog/data-elements/" + code).then().statusCode(200).header("ETag", "\"1\"");
        renamed.put("nameEn", "Lost update");
        given().auth().oauth2(admin).contentType("application/json").header("If-Match", "\"0\"").body(renamed)
                .put("/api/catalog/data-elements/" + code).then().statusCode(412);
        given().auth().oauth2(admin).get("/api/catalog/data-elements/" + code).then().body("nameEn", equalTo("Renamed"));
        assertThat(Catalog.events(pool, "data-element.registered", code, false)).isEqualTo(1);
        assertThat(Catalog.events(pool, "data-element.updated", code, false)).isEqualTo(1);
    }

    @Test
    void aMalformedDefinitionIs400() {
        String admin = Tokens.of("platform-admin");
        String code = code();
        Map<String, Object> e = element(code);
        e.put("pattern", "([unclosed");
        given().auth().oauth2(admin).contentType("application/json").body(e).put("/api/catalog/data-elements/" + code)
                .then().statusCode(400).body("errors.field", hasItem("pattern"));
        e = element(code);
        e.put("validator", "ENUM");
        given().auth().oauth2(admin).contentType("application/json").body(e).put("/api/catalog/data-elements/" + code)
                .then().statusCode(400).body("errors.field", hasItem("pattern")).body("errors.field", hasItem("enumValues"));
        e = element(code);
        e.put("validator", "RESIDENT_ID");
        e.put("pattern", null);
        e.put("type", "DATE");
        given().auth().oauth2(admin).contentType("application/json").body(e).put("/api/catalog/data-elements/" + code)
                .then().statusCode(400).body("errors.field", hasItem("validator"));
        e = element(code);
        e.put("sourceDepartment", "no-such-department");
        given().auth().oauth2(admin).contentType("application/json").body(e).put("/api/catalog/data-elements/" + code)
                .then().statusCode(422).body("errors.field", hasItem("sourceDepartment"));
        e = element(code);
        e.put("code", "lower");
        given().auth().oauth2(admin).contentType("application/json").body(e).put("/api/catalog/data-elements/lower")
                .then().statusCode(400).body("errors.field", hasItem("code"));
        given().auth().oauth2(admin).get("/api/catalog/data-elements/" + code).then().statusCode(404);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "DE0001|11010519491231002X|true|",
            "DE0001|11010519491231002x|true|",
            "DE0001|110105194912310021|false|CHECK_CHARACTER_MISMATCH",
            "DE0001|11010519490231002X|false|",
            "DE0009|91350100M000100Y43|true|",
            "DE0009|91350100M000100Y44|false|CHECK_CHARACTER_MISMATCH",
            "DE0006|+86 138-1234-5678|true|",
            "DE0006|12812345678|false|INVALID_PREFIX",
            "DE0007|320505|true|",
            "DE0007|990505|false|UNKNOWN_PROVINCE",
            "DE0004|1987-02-28|true|",
            "DE0004|1987-02-30|false|INVALID_DATE",
            "DE0003|女|true|",
            "DE0003|M|false|NOT_IN_ENUMERATION",
            "DE0017|2025-06|true|",
            "DE0017|2025-13|false|PATTERN_MISMATCH",
            "DE0018|1024|true|",
            "DE0018|10.5|false|WRONG_TYPE",
            "DE0016|1234.50|true|",
            "DE0016|-3|false|PATTERN_MISMATCH"})
    void valuesAreCheckedAgainstTheirElement(String code, String value, boolean valid, String reason) {
        var response = given().auth().oauth2(Tokens.ofService()).contentType("application/json").body(Map.of("value", value))
                .post("/api/catalog/data-elements/" + code + "/validate").then().statusCode(200)
                .body("dataElement", equalTo(code)).body("valid", equalTo(valid));
        if (reason != null) {
            response.body("reason", equalTo(reason));
        }
        if (!valid) {
            response.body("message", not(org.hamcrest.Matchers.containsString(value)));
        }
    }

    @Test
    void aBatchIsCheckedInOrderAndBadRequestsAreRefused() {
        given().auth().oauth2(Tokens.of("hrss-steward")).contentType("application/json")
                .body(Map.of("values", List.of("11010519491231002X", "", "110105194912310021")))
                .post("/api/catalog/data-elements/DE0001/validate").then().statusCode(200)
                .body("valid", equalTo(false)).body("invalidCount", equalTo(2))
                .body("results.valid", equalTo(List.of(true, false, false))).body("results[1].reason", equalTo("EMPTY"))
                .body("results[0].normalised", equalTo("11010519491231002X"));
        given().auth().oauth2(Tokens.of("hrss-steward")).contentType("application/json").body(Map.of())
                .post("/api/catalog/data-elements/DE0001/validate").then().statusCode(400);
        given().auth().oauth2(Tokens.of("hrss-steward")).contentType("application/json").body(Map.of("value", "x"))
                .post("/api/catalog/data-elements/DE9999/validate").then().statusCode(404);
        given().contentType("application/json").body(Map.of("value", "x"))
                .post("/api/catalog/data-elements/DE0001/validate").then().statusCode(401);
    }

    @Test
    void anElementsTypeCannotChangeWhileFieldsMapToIt() {
        String admin = Tokens.of("platform-admin");
        String code = code();
        given().auth().oauth2(admin).contentType("application/json").body(element(code)).put("/api/catalog/data-elements/" + code)
                .then().statusCode(200);
        Map<String, Object> body = Catalog.demo("MOT-TRAFFIC-COUNTS");
        Catalog.fields(body).get(0).put("dataElement", code);
        Catalog.create("transport-steward", body).then().statusCode(201);
        Map<String, Object> retyped = element(code);
        retyped.put("type", "INTEGER");
        given().auth().oauth2(admin).contentType("application/json").body(retyped).put("/api/catalog/data-elements/" + code)
                .then().statusCode(409).body("type", equalTo("https://govdx.org/problems/element-in-use"));
    }

    @Test
    void publishersListWhoAlreadyPublishesAnElement() {
        String health = Catalog.publish(Catalog.demo("NHC-VACCINATIONS"), "health-steward", "health-cdo");
        String hrss = Catalog.publish(Catalog.demo("HRSS-SOCIAL-INSURANCE-PAYMENTS"), "hrss-steward", "hrss-cdo");
        Response page = given().auth().oauth2(Tokens.of("transport-steward")).queryParam("limit", 200).get("/api/catalog/data-elements/DE0001/publishers");
        page.then().statusCode(200).body("datasetId", hasItem(health)).body("datasetId", hasItem(hrss));
        List<Map<String, Object>> items = page.jsonPath().getList("");
        Map<String, Object> hrssItem = items.stream().filter(i -> hrss.equals(i.get("datasetId"))).findFirst().orElseThrow();
        assertThat(hrssItem.get("fields")).isEqualTo(List.of("resident_id"));
        assertThat(hrssItem.get("ownerDepartment")).isEqualTo("hrss");
        assertThat(hrssItem.get("designatedSource")).isEqualTo(false); // DE0001's source is public-security
        Map<String, Object> vaccinations = items.stream().filter(i -> health.equals(i.get("datasetId"))).findFirst().orElseThrow();
        assertThat(vaccinations.get("classification")).isEqualTo("FORBIDDEN");

        // drafts are not publishers
        Map<String, Object> draft = Catalog.demo("MCA-RESIDENTS");
        String draftId = Catalog.create("civil-affairs-steward", draft).then().statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.of("transport-steward")).queryParam("limit", 200).get("/api/catalog/data-elements/DE0001/publishers")
                .then().body("datasetId", not(hasItem(draftId)));
        given().auth().oauth2(Tokens.of("transport-steward")).get("/api/catalog/data-elements/DE9999/publishers").then().statusCode(404);
    }
}
