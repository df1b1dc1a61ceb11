package org.govdx.catalog.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.govdx.catalog.support.Catalog;
import org.govdx.testsupport.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/** Bad input: each a clear 4xx problem+json naming the field, nothing written (and a DENIED event for a rule refusal). */
@QuarkusTest
class DatasetValidationTests {

    @Inject
    Pool pool;

    @BeforeEach
    void basics() {
        Catalog.ensureBasics();
    }

    private void nothingWritten(String code) {
        assertThat(Catalog.count(pool, "select count(*) from dataset where code = $1", code)).isZero();
        given().auth().oauth2(Tokens.of("platform-admin")).get("/api/catalog/datasets/by-code/" + code).then().statusCode(404);
    }

    private void refused(Map<String, Object> body, int status, String type, String field) {
        var response = Catalog.create("civil-affairs-steward", body).then().statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status));
        if (type != null) {
            response.body("type", equalTo("https://govdx.org/problems/" + type));
        }
        if (field != null) {
            response.body("errors.field", hasItem(field));
        }
        nothingWritten((String) body.get("code"));
    }

    @Test
    void aBodyThatIsNotWellFormedUtf8Is400EvenWhereJacksonAloneWouldReadIt() {
        // {"value":"1101051949123100/X"} with the "/" as the overlong C0 AF: Jackson alone reads it, and validation answered 200
        byte[] body = java.util.HexFormat.of().parseHex("7b2276616c7565223a2231313031303531393439313233313030c0af58227d");
        given().auth().oauth2(Tokens.of("civil-affairs-steward")).contentType("application/json").body(body)
                .post("/api/catalog/data-elements/DE0001/validate").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://govdx.org/problems/malformed-json"));
    }

    @Test
    void unknownAndMalformedMembersAre400() {
        Map<String, Object> body = Catalog.demo("MCA-RESIDENTS");
        body.put("shadowField", true);
        refused(body, 400, "invalid-input", "shadowField");

        body = Catalog.demo("MCA-RESIDENTS");
        Catalog.fields(body).get(2).put("colour", "red");
        refused(body, 400, "invalid-input", null);

        given().auth().oauth2(Tokens.of("civil-affairs-steward")).contentType("application/json").body("{\"code\": \"X-1\",")
                .post("/api/catalog/datasets").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://govdx.org/problems/malformed-json"));

        body = Catalog.demo("MCA-RESIDENTS");
        body.put("classification", "SECRET");
        refused(body, 400, "invalid-input", "classification");

        body = Catalog.demo("MCA-RESIDENTS");
        body.put("distribution", "CARRIER_PIGEON");
        refused(body, 400, "invalid-input", null);

        body = Catalog.demo("MCA-RESIDENTS");
        body.put("distribution", Map.of("mode", "PROXIED"));
        refused(body, 400, "invalid-input", "distribution.endpoint");

        body = Catalog.demo("MCA-RESIDENTS");
        body.put("code", "lower-case");
        Catalog.create("civil-affairs-steward", body).then().statusCode(400).body("errors.field", hasItem("code"));
    }

    @Test
    void anOpenDatasetWithARestrictedFieldIs422AndADeniedEvent() {
        Map<String, Object> body = Catalog.demo("MOT-TRAFFIC-COUNTS");
        Catalog.fields(body).get(1).put("fieldClass", "RESTRICTED");
        Catalog.fields(body).get(1).put("defaultMasking", "redact");
        String code = (String) body.get("code");
        Catalog.create("transport-steward", body).then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://govdx.org/problems/catalog-rules"))
                .body("errors.field", hasItem("fields[1].fieldClass")).body("errors.field", hasItem("legalBasis"));
        nothingWritten(code);
        assertThat(Catalog.events(pool, "dataset.drafted", code, true)).isZero(); // the DENIED event names no code: it names the department
        assertThat(Catalog.count(pool, "select count(*) from outbox_event where action = 'dataset.drafted' and payload like '%DENIED%' "
                + "and payload like '%road_name%'")).isEqualTo(1);

        body = Catalog.demo("MOT-TRAFFIC-COUNTS");
        body.put("legalBasis", "《政务数据共享条例》");
        Catalog.fields(body).get(1).put("fieldClass", "FORBIDDEN");
        Catalog.fields(body).get(1).put("defaultMasking", "redact");
        Catalog.create("transport-steward", body).then().statusCode(422)
                .body("type", equalTo("https://govdx.org/problems/open-dataset-restricted-field"))
                .body("errors[0].field", equalTo("fields[1].fieldClass"));
        nothingWritten((String) body.get("code"));
    }

    @Test
    void aRestrictedDatasetMustCiteItsLegalBasis() {
        Map<String, Object> body = Catalog.demo("MCA-RESIDENTS");
        body.put("legalBasis", "  ");
        refused(body, 422, "legal-basis-required", "legalBasis");
    }

    @Test
    void anUnknownDataElementOrOneThatDoesNotFitTheFieldIs422() {
        Map<String, Object> body = Catalog.demo("MCA-RESIDENTS");
        Catalog.fields(body).get(0).put("dataElement", "DE9999");
        refused(body, 422, "unknown-data-element", "fields[0].dataElement");

        body = Catalog.demo("MCA-RESIDENTS");
        Catalog.fields(body).get(3).put("dataElement", "DE0001"); // birth_date is a DATE, DE0001 a STRING
        refused(body, 422, "data-element-mismatch", "fields[3].type");
    }

    @Test
    void duplicateOrMalformedFieldNamesAndBadMaskingAre400() {
        Map<String, Object> body = Catalog.demo("MCA-RESIDENTS");
        Catalog.fields(body).get(2).put("name", "name");
        refused(body, 400, "invalid-input", "fields[2].name");

        body = Catalog.demo("MCA-RESIDENTS");
        Catalog.fields(body).get(2).put("name", "Sex Of Person");
        refused(body, 400, "invalid-input", "fields[2].name");

        body = Catalog.demo("MCA-RESIDENTS");
        Catalog.fields(body).get(0).put("defaultMasking", "partial(first=99)");
        refused(body, 400, "invalid-input", "fields[0].defaultMasking");

        body = Catalog.demo("MCA-RESIDENTS");
        Catalog.fields(body).get(0).put("defaultMasking", "scramble");
        refused(body, 400, "invalid-input", "fields[0].defaultMasking");

        body = Catalog.demo("MCA-RESIDENTS");
        Catalog.fields(body).get(0).put("required", false); // a key field must be required
        refused(body, 400, "invalid-input", "fields[0].required");

        body = Catalog.demo("MCA-RESIDENTS");
        Catalog.fields(body).get(1).put("defaultMasking", "none"); // a RESTRICTED field masked by default
        refused(body, 422, "masking-required", "fields[1].defaultMasking");
    }

    @Test
    void oversizedTextIs400() {
        Map<String, Object> body = Catalog.demo("MCA-RESIDENTS");
        body.put("titleZh", "户".repeat(201));
        refused(body, 400, "invalid-input", "titleZh");

        body = Catalog.demo("MCA-RESIDENTS");
        body.put("description", "x".repeat(4001));
        refused(body, 400, "invalid-input", "description");

        body = Catalog.demo("MCA-RESIDENTS");
        List<String> keywords = new ArrayList<>();
        for (int i = 0; i < 31; i++) {
            keywords.add("kw" + i);
        }
        body.put("keywords", keywords);
        refused(body, 400, "invalid-input", "keywords");

        body = Catalog.demo("MCA-RESIDENTS");
        List<Map<String, Object>> fields = Catalog.fields(body);
        Map<String, Object> template = fields.get(2);
        for (int i = 0; i < 190; i++) {
            Map<String, Object> f = new LinkedHashMap<>(template);
            f.put("name", "extra_" + i);
            fields.add(f);
        }
        refused(body, 400, "invalid-input", "fields");

        body = Catalog.demo("MCA-RESIDENTS");
        body.put("fields", Collections.emptyList());
        refused(body, 400, "invalid-input", "fields");

        body = Catalog.demo("MCA-RESIDENTS");
        body.put("description", "x".repeat(3 * 1024 * 1024));
        refused(body, 413, "payload-too-large", null);
    }

    @Test
    void draftingForAnotherDepartmentIs403AndNothingIsWritten() {
        Map<String, Object> body = Catalog.demo("NHC-VACCINATIONS"); // owner health
        refused(body, 403, "not-owner", null);
        assertThat(Catalog.count(pool, "select count(*) from outbox_event where action = 'dataset.drafted' and payload like '%DENIED%' "
                + "and payload like '%\"ownerDepartment\":\"health\"%' and payload like '%civil-affairs-steward%'")).isGreaterThanOrEqualTo(1);

        given().auth().oauth2(Tokens.of("auditor")).contentType("application/json").body(Catalog.demo("MCA-RESIDENTS"))
                .post("/api/catalog/datasets").then().statusCode(403).body("type", equalTo("https://govdx.org/problems/role-required"));
    }

    @Test
    void aDuplicateCodeIs409() {
        Map<String, Object> body = Catalog.demo("MCA-RESIDENTS");
        Catalog.create("civil-affairs-steward", body).then().statusCode(201);
        Catalog.create("civil-affairs-steward", body).then().statusCode(409).body("type", equalTo("https://govdx.org/problems/dataset-code-taken"));
        assertThat(Catalog.count(pool, "select count(*) from dataset where code = $1", body.get("code"))).isEqualTo(1);
    }

    @Test
    void aStaleOrMissingIfMatchIsRefusedAndNothingChanges() {
        Map<String, Object> body = Catalog.demo("MCA-RESIDENTS");
        String id = Catalog.create("civil-affairs-steward", body).then().statusCode(201).extract().path("id");
        String etag = Catalog.etag("civil-affairs-steward", id);

        body.put("titleEn", "First change");
        given().auth().oauth2(Tokens.of("civil-affairs-steward")).contentType("application/json").body(body)
                .put("/api/catalog/datasets/" + id + "/draft").then().statusCode(428).contentType("application/problem+json");
        given().auth().oauth2(Tokens.of("civil-affairs-steward")).contentType("application/json").header("If-Match", etag).body(body)
                .put("/api/catalog/datasets/" + id + "/draft").then().statusCode(200).body("titleEn", equalTo("First change"));

        body.put("titleEn", "Lost update");
        given().auth().oauth2(Tokens.of("civil-affairs-steward")).contentType("application/json").header("If-Match", etag).body(body)
                .put("/api/catalog/datasets/" + id + "/draft").then().statusCode(412).contentType("application/problem+json")
                .body("type", equalTo("https://govdx.org/problems/precondition-failed"));
        given().auth().oauth2(Tokens.of("civil-affairs-steward")).header("If-Match", etag).post("/api/catalog/datasets/" + id + "/submit")
                .then().statusCode(412);
        given().auth().oauth2(Tokens.of("civil-affairs-steward")).get("/api/catalog/datasets/" + id)
                .then().body("titleEn", equalTo("First change")).body("status", equalTo("DRAFT"));

        body.put("code", "OTHER-CODE");
        given().auth().oauth2(Tokens.of("civil-affairs-steward")).contentType("application/json").header("If-Match", Catalog.etag("civil-affairs-steward", id))
                .body(body).put("/api/catalog/datasets/" + id + "/draft").then().statusCode(400).body("errors[0].field", equalTo("code"));
    }

    @Test
    void aProxiedDatasetNamesAnHttpEndpointAndTheDemoStringFormIsAccepted() {
        Map<String, Object> body = Catalog.demo("NHC-VACCINATIONS");
        body.put("distribution", Map.of("mode", "PROXIED", "endpoint", "https://api.health.example.gov.cn/vaccinations"));
        Catalog.create("health-steward", body).then().statusCode(201)
                .body("distribution.mode", equalTo("PROXIED")).body("distribution.endpoint", startsWith("https://"));

        body = Catalog.demo("NHC-VACCINATIONS");
        body.put("distribution", Map.of("mode", "PROXIED", "endpoint", "ftp://x"));
        Catalog.create("health-steward", body).then().statusCode(400).body("errors.field", hasItem("distribution.endpoint"));
        body.put("distribution", Map.of("mode", "HOSTED", "endpoint", "https://x.example"));
        Catalog.create("health-steward", body).then().statusCode(400).body("errors.field", hasItem("distribution.endpoint"));
    }
}
