package org.govdx.catalog.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.govdx.catalog.support.Catalog;
import org.govdx.common.json.CanonicalJson;
import org.govdx.testsupport.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Drafting, submission and publication under the two-person rule (DOMAIN rule 7), rejection, versions, and the contract shapes. */
@QuarkusTest
class DatasetLifecycleTests {

    @Inject
    Pool pool;

    @BeforeEach
    void basics() {
        Catalog.ensureBasics();
    }

    @Test
    void aStewardDraftsAndSubmitsAndAnotherCdoPublishesAndEveryoneSeesTheContractShape() throws Exception {
        Map<String, Object> body = Catalog.demo("MCA-RESIDENTS");
        String code = (String) body.get("code");
        Response created = Catalog.create("civil-affairs-steward", body);
        created.then().statusCode(201).header("Location", org.hamcrest.Matchers.endsWith("/api/catalog/datasets/" + created.path("id")))
                .header("ETag", notNullValue())
                .body("status", equalTo("DRAFT")).body("currentVersion", nullValue()).body("latestVersion", equalTo(1))
                .body("fields[0].defaultMasking", equalTo("resident_id"))
                .body("fields[3].defaultMasking", equalTo("generalize(date:year)"));
        String id = created.path("id");

        // a draft is invisible to other departments
        given().auth().oauth2(Tokens.of("hrss-steward")).get("/api/catalog/datasets/" + id).then().statusCode(404);

        given().auth().oauth2(Tokens.of("civil-affairs-steward")).post("/api/catalog/datasets/" + id + "/submit")
                .then().statusCode(200).body("status", equalTo("SUBMITTED")).body("latestStatus", equalTo("SUBMITTED"));
        given().auth().oauth2(Tokens.of("civil-affairs-cdo")).post("/api/catalog/datasets/" + id + "/publish")
                .then().statusCode(200).body("status", equalTo("PUBLISHED")).body("currentVersion", equalTo(1));
        assertThat(Catalog.events(pool, "dataset.published", id, false)).isEqualTo(1);
        assertThat(Catalog.events(pool, "dataset.submitted", id, false)).isEqualTo(1);

        // the exchange service's view: by id, by code, and the version with its schema hash
        String service = Tokens.ofService();
        Response dataset = given().auth().oauth2(service).get("/api/catalog/datasets/" + id);
        dataset.then().statusCode(200).header("ETag", notNullValue())
                .body("id", equalTo(id)).body("code", equalTo(code)).body("ownerDepartment", equalTo("civil-affairs"))
                .body("titleZh", equalTo("居民户籍登记信息")).body("titleEn", equalTo("Resident household register"))
                .body("classification", equalTo("RESTRICTED")).body("status", equalTo("PUBLISHED")).body("currentVersion", equalTo(1))
                .body("legalBasis", notNullValue()).body("category", equalTo("population")).body("updateFrequency", equalTo("DAILY"))
                .body("distribution.mode", equalTo("HOSTED")).body("distribution.endpoint", nullValue()).body("quality", nullValue())
                .body("resourceCatalogue.resourceCode", equalTo("population/" + code))
                .body("resourceCatalogue.provider", equalTo("民政局"))
                .body("resourceCatalogue.sharingAttribute.type", equalTo("有条件共享"))
                .body("resourceCatalogue.sharingAttribute.legalBasis", notNullValue())
                .body("resourceCatalogue.openAttribute.code", equalTo("NOT_OPEN"))
                .body("resourceCatalogue.updateCycle", equalTo("每日"));
        given().auth().oauth2(service).get("/api/catalog/datasets/by-code/" + code).then().statusCode(200).body("id", equalTo(id));

        Response version = given().auth().oauth2(Tokens.of("hrss-steward")).get("/api/catalog/datasets/" + id + "/versions/1");
        version.then().statusCode(200).body("datasetId", equalTo(id)).body("version", equalTo(1)).body("status", equalTo("PUBLISHED"))
                .body("classification", equalTo("RESTRICTED")).body("ownerDepartment", equalTo("civil-affairs"))
                .body("fields.name", hasItem("resident_id")).body("fields[0].dataElement", equalTo("DE0001"))
                .body("fields[0].key", equalTo(true)).body("fields[0].required", equalTo(true))
                .body("publishedAt", notNullValue()).body("distribution.mode", equalTo("HOSTED"));
        JsonNode json = new ObjectMapper().readTree(version.asString());
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(CanonicalJson.bytes(json.get("fields"))));
        assertThat(json.get("schemaHash").asText()).isEqualTo(expected);
        assertThat(json.get("fields").get(0).fieldNames()).toIterable()
                .containsExactlyInAnyOrder("name", "titleZh", "titleEn", "type", "dataElement", "fieldClass", "defaultMasking", "key", "required");
    }

    @Test
    void theSubmitterCannotPublishTheirOwnSubmissionButASecondCdoCan() {
        String id = Catalog.create("health-cdo", Catalog.demo("NHC-VACCINATIONS")).then().statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.of("health-cdo")).post("/api/catalog/datasets/" + id + "/submit").then().statusCode(200);

        given().auth().oauth2(Tokens.of("health-cdo")).post("/api/catalog/datasets/" + id + "/publish")
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("https://govdx.org/problems/two-person-rule"));
        assertThat(Catalog.events(pool, "dataset.published", id, true)).isEqualTo(1);
        given().auth().oauth2(Tokens.of("health-cdo")).get("/api/catalog/datasets/" + id).then().body("status", equalTo("SUBMITTED"));

        given().auth().oauth2(Tokens.of("health-cdo2")).post("/api/catalog/datasets/" + id + "/publish")
                .then().statusCode(200).body("status", equalTo("PUBLISHED"));
        assertThat(Catalog.events(pool, "dataset.published", id, false) - Catalog.events(pool, "dataset.published", id, true)).isEqualTo(1);
    }

    @Test
    void aStewardCannotPublishAndACdoOfAnotherDepartmentCannotEither() {
        String id = Catalog.create("market-regulation-steward", Catalog.demo("SAMR-FOOD-SAFETY-INSPECTIONS")).then().statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.of("market-regulation-steward")).post("/api/catalog/datasets/" + id + "/submit").then().statusCode(200);

        given().auth().oauth2(Tokens.of("market-regulation-steward")).post("/api/catalog/datasets/" + id + "/publish")
                .then().statusCode(403).contentType("application/problem+json").body("type", equalTo("https://govdx.org/problems/cdo-required"));
        given().auth().oauth2(Tokens.of("health-cdo")).post("/api/catalog/datasets/" + id + "/publish")
                .then().statusCode(404); // another department does not even see the unpublished dataset
        given().auth().oauth2(Tokens.of("market-regulation-cdo")).post("/api/catalog/datasets/" + id + "/publish").then().statusCode(200);

        // once published, another department's CDO sees it, and is refused on the rule
        given().auth().oauth2(Tokens.of("civil-affairs-cdo")).contentType("application/json").body("{}").post("/api/catalog/datasets/" + id + "/retire")
                .then().statusCode(400).body("errors.field", hasItem("reason")); // no reason
        given().auth().oauth2(Tokens.of("civil-affairs-cdo")).contentType("application/json").body(Map.of("reason", "not mine"))
                .post("/api/catalog/datasets/" + id + "/retire")
                .then().statusCode(403).body("type", equalTo("https://govdx.org/problems/not-owner"));
        assertThat(Catalog.events(pool, "dataset.published", id, true)).isEqualTo(1);
        assertThat(Catalog.events(pool, "dataset.retired", id, true)).isEqualTo(1);
        assertThat(Catalog.count(pool, "select count(*) from notice where dataset_id = $1", java.util.UUID.fromString(id))).isZero();
    }

    @Test
    void aRejectedSubmissionGoesBackToDraftAndIsSubmittedAgain() {
        Map<String, Object> body = Catalog.demo("HRSS-SOCIAL-INSURANCE-PAYMENTS");
        String id = Catalog.create("hrss-steward", body).then().statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.of("hrss-steward")).post("/api/catalog/datasets/" + id + "/submit").then().statusCode(200);

        given().auth().oauth2(Tokens.of("hrss-cdo")).contentType("application/json").body(Map.of("reason", " "))
                .post("/api/catalog/datasets/" + id + "/reject").then().statusCode(400);
        given().auth().oauth2(Tokens.of("hrss-cdo")).contentType("application/json").body(Map.of("reason", "缴费基数须脱敏"))
                .post("/api/catalog/datasets/" + id + "/reject")
                .then().statusCode(200).body("status", equalTo("REJECTED"));
        given().auth().oauth2(Tokens.of("hrss-steward")).get("/api/catalog/datasets/" + id + "/versions/1")
                .then().body("status", equalTo("REJECTED")).body("rejection.reason", equalTo("缴费基数须脱敏")).body("rejection.by", equalTo("hrss-cdo"));
        given().auth().oauth2(Tokens.of("hrss-cdo")).post("/api/catalog/datasets/" + id + "/publish")
                .then().statusCode(409).body("type", equalTo("https://govdx.org/problems/not-submitted"));

        String etag = Catalog.etag("hrss-steward", id);
        body.put("description", "修改后的说明。Revised description.");
        given().auth().oauth2(Tokens.of("hrss-steward")).contentType("application/json").header("If-Match", etag).body(body)
                .put("/api/catalog/datasets/" + id + "/draft").then().statusCode(200).body("status", equalTo("DRAFT"))
                .body("description", equalTo("修改后的说明。Revised description."));
        given().auth().oauth2(Tokens.of("hrss-steward")).post("/api/catalog/datasets/" + id + "/submit").then().statusCode(200);
        given().auth().oauth2(Tokens.of("hrss-cdo")).post("/api/catalog/datasets/" + id + "/publish").then().statusCode(200)
                .body("status", equalTo("PUBLISHED"));
        assertThat(Catalog.events(pool, "dataset.rejected", id, false)).isEqualTo(1);
    }

    @Test
    void aNonBreakingNewVersionTakesEffectAtOnceAndTheOldVersionStaysReadable() {
        Map<String, Object> body = Catalog.demo("MOT-TRAFFIC-COUNTS");
        String id = Catalog.publish(body, "transport-steward", "transport-cdo");
        given().auth().oauth2(Tokens.of("transport-steward")).post("/api/catalog/datasets/" + id + "/versions")
                .then().statusCode(201).body("latestVersion", equalTo(2)).body("latestStatus", equalTo("DRAFT")).body("currentVersion", equalTo(1));
        given().auth().oauth2(Tokens.of("transport-steward")).post("/api/catalog/datasets/" + id + "/versions")
                .then().statusCode(409).body("type", equalTo("https://govdx.org/problems/version-in-progress"));
        // others still see version 1 and not the draft
        given().auth().oauth2(Tokens.of("health-steward")).get("/api/catalog/datasets/" + id + "/versions/2").then().statusCode(404);
        given().auth().oauth2(Tokens.of("health-steward")).get("/api/catalog/datasets/" + id).then().statusCode(200)
                .body("version", equalTo(1)).body("latestVersion", nullValue());

        List<Map<String, Object>> fields = Catalog.fields(body);
        fields.add(Map.of("name", "lane_count", "titleZh", "车道数", "titleEn", "Lanes", "type", "INTEGER", "fieldClass", "OPEN"));
        given().auth().oauth2(Tokens.of("transport-steward")).contentType("application/json").header("If-Match", Catalog.etag("transport-steward", id))
                .body(body).put("/api/catalog/datasets/" + id + "/draft").then().statusCode(200);
        given().auth().oauth2(Tokens.of("transport-steward")).post("/api/catalog/datasets/" + id + "/submit").then().statusCode(200);
        given().auth().oauth2(Tokens.of("transport-cdo")).post("/api/catalog/datasets/" + id + "/publish").then().statusCode(200)
                .body("currentVersion", equalTo(2)).body("pendingVersion", nullValue());

        given().auth().oauth2(Tokens.of("health-steward")).get("/api/catalog/datasets/" + id + "/versions/1").then().statusCode(200)
                .body("status", equalTo("SUPERSEDED")).body("supersededAt", notNullValue());
        given().auth().oauth2(Tokens.of("health-steward")).get("/api/catalog/datasets/" + id + "/versions/2").then().statusCode(200)
                .body("status", equalTo("PUBLISHED")).body("changes.addedFields", equalTo(List.of("lane_count")))
                .body("changes.breaking", equalTo(false));
        given().auth().oauth2(Tokens.of("health-steward")).get("/api/catalog/datasets/" + id + "/versions")
                .then().statusCode(200).body("version", equalTo(List.of(1, 2)));
        // a published version cannot be edited in place
        given().auth().oauth2(Tokens.of("transport-steward")).contentType("application/json").header("If-Match", Catalog.etag("transport-steward", id))
                .body(body).put("/api/catalog/datasets/" + id + "/draft").then().statusCode(409)
                .body("type", equalTo("https://govdx.org/problems/not-editable"));
    }

    @Test
    void aDepartmentSystemClientDraftsLikeItsSteward() {
        String id = given().auth().oauth2(Tokens.ofSystem("transport")).contentType("application/json").body(Catalog.demo("MOT-TRAFFIC-COUNTS"))
                .post("/api/catalog/datasets").then().statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.ofSystem("transport")).get("/api/catalog/datasets/" + id + "/versions/1").then().statusCode(200)
                .body("createdBy", equalTo("transport-system"));
    }
}
