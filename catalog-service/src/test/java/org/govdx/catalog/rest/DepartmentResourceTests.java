package org.govdx.catalog.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.govdx.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class DepartmentResourceTests {

    @Inject
    Pool pool;

    private static String uniqueCode() {
        return "dept-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Map<String, Object> department(String code, String nameEn) {
        return Map.of("code", code, "nameZh", "测试局", "nameEn", nameEn);
    }

    private long outboxEvents(String action, String code) {
        return pool.preparedQuery("select count(*) from outbox_event where action = $1 and payload like $2")
                .execute(Tuple.of(action, "%\"ownerDepartment\":\"" + code + "\"%"))
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0);
    }

    @Test
    void withoutATokenTheAnswerIs401ProblemJson() {
        given().when().get("/api/catalog/departments")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer realm=\"govdx\"")
                .body("status", equalTo(401))
                .body("type", equalTo("https://govdx.org/problems/unauthenticated"));
    }

    @Test
    void aTamperedTokenIs401() {
        String token = Tokens.of("civil-affairs-steward");
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        given().auth().oauth2(tampered).when().get("/api/catalog/departments")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aStewardCannotRegisterADepartmentAndNothingIsWritten() {
        String code = uniqueCode();
        given().auth().oauth2(Tokens.of("civil-affairs-steward")).contentType("application/json")
                .body(department(code, "Test")).when().put("/api/catalog/departments/" + code)
                .then().statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
        given().auth().oauth2(Tokens.of("platform-admin")).when().get("/api/catalog/departments/" + code)
                .then().statusCode(404).contentType("application/problem+json");
        assertThat(outboxEvents("department.registered", code)).isZero();
    }

    @Test
    void thePlatformAdminRegistersAndRenamesWithOptimisticConcurrency() {
        String code = uniqueCode();
        String admin = Tokens.of("platform-admin");
        given().auth().oauth2(admin).contentType("application/json").body(department(code, "Test Bureau"))
                .when().put("/api/catalog/departments/" + code)
                .then().statusCode(200).header("ETag", "\"0\"").body("code", equalTo(code));
        assertThat(outboxEvents("department.registered", code)).isEqualTo(1);

        given().auth().oauth2(admin).contentType("application/json").header("If-Match", "\"0\"")
                .body(department(code, "Renamed Bureau")).when().put("/api/catalog/departments/" + code)
                .then().statusCode(200).header("ETag", "\"1\"").body("nameEn", equalTo("Renamed Bureau"));

        given().auth().oauth2(admin).contentType("application/json").header("If-Match", "\"0\"")
                .body(department(code, "Lost Update")).when().put("/api/catalog/departments/" + code)
                .then().statusCode(412).contentType("application/problem+json");

        given().auth().oauth2(Tokens.of("health-steward")).when().get("/api/catalog/departments")
                .then().statusCode(200).body("code", hasItem(code)).body("nameEn", not(hasItem("Lost Update")));
        assertThat(outboxEvents("department.renamed", code)).isEqualTo(1);
    }

    @Test
    void badInputIsAClear400ThatNamesTheField() {
        String admin = Tokens.of("platform-admin");
        String code = uniqueCode();
        given().auth().oauth2(admin).contentType("application/json")
                .body("{\"code\":\"" + code + "\",\"nameZh\":\"测试\",\"nameEn\":\"T\",\"shadow\":true}")
                .when().put("/api/catalog/departments/" + code)
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("shadow"));
        given().auth().oauth2(admin).contentType("application/json").body("{\"code\": \"" + code + "\",")
                .when().put("/api/catalog/departments/" + code)
                .then().statusCode(400).contentType("application/problem+json").body("type", equalTo("https://govdx.org/problems/malformed-json"));
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("code", "Not A Code", "nameZh", "", "nameEn", "x"))
                .when().put("/api/catalog/departments/Not%20A%20Code")
                .then().statusCode(400).body("errors.field", hasItem("code")).body("errors.field", hasItem("nameZh"));
        given().auth().oauth2(admin).contentType("application/json").body(department(code, "Mismatch"))
                .when().put("/api/catalog/departments/other-code")
                .then().statusCode(400).body("errors[0].field", equalTo("code"));
        given().auth().oauth2(admin).contentType("application/json").header("If-Match", "garbage").body(department(code, "x"))
                .when().put("/api/catalog/departments/" + code)
                .then().statusCode(412);
        given().auth().oauth2(admin).when().get("/api/catalog/departments/" + code).then().statusCode(404);
    }

    @Test
    void everyAnswerCarriesARequestIdAndATraceId() {
        given().header("X-Request-Id", "test-req-42").when().get("/api/catalog/departments")
                .then().statusCode(401).header("X-Request-Id", "test-req-42").body("traceId", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{32}"));
    }
}
