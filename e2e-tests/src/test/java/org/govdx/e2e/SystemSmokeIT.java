package org.govdx.e2e;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.govdx.seeds.DemoDataLoader;
import org.govdx.seeds.GovdxApi;
import org.govdx.testsupport.GovdxStack;
import org.govdx.testsupport.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/** The foundation's promise: a token from Keycloak reaches every service through the one public port. */
@ExtendWith(GovdxSystem.class)
class SystemSmokeIT {

    private static RequestSpecification as(String user) {
        return RestAssured.given().baseUri(GovdxSystem.GATEWAY).auth().oauth2(Tokens.of(user));
    }

    @Test
    void aStewardsTokenReachesCatalogAndExchangeAndAnAuditorsTheAuditLog() {
        as("civil-affairs-steward").get("/api/catalog/departments").then().statusCode(200);
        as("civil-affairs-steward").get("/api/exchange/calendar/2026").then().statusCode(200);
        as("auditor").get("/api/audit/entries").then().statusCode(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/catalog/departments", "/api/exchange/calendar/2026", "/api/audit/entries"})
    void withoutATokenEveryApiAnswers401ProblemJson(String path) {
        RestAssured.given().baseUri(GovdxSystem.GATEWAY).get(path)
                .then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
    }

    @Test
    void aWrongRoleIs403ProblemJsonFromTheServiceThatOwnsTheRule() {
        as("civil-affairs-steward").get("/api/audit/entries")
                .then().statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
        as("health-cdo").contentType("application/json").body(Map.of("code", "x-dept", "nameZh", "某局", "nameEn", "X"))
                .put("/api/catalog/departments/x-dept")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void aChangeReachesTheAuditLogThroughTheOutboxUnderTheCallersTraceId() {
        String code = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        String traceId = UUID.randomUUID().toString().replace("-", "");
        as("platform-admin").header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").contentType("application/json")
                .body(Map.of("code", code, "nameZh", "测试局", "nameEn", "E2E Bureau"))
                .put("/api/catalog/departments/" + code).then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                as("auditor").queryParam("ownerDepartment", code).get("/api/audit/entries")
                        .then().statusCode(200)
                        .body("items.size()", equalTo(1))
                        .body("items[0].event.action", equalTo("department.registered"))
                        .body("items[0].event.actor.username", equalTo("platform-admin"))
                        .body("items[0].event.traceId", equalTo(traceId)));
    }

    @Test
    void theDemoLoaderRegistersTheRealmsDepartmentsAndCanRunTwice() throws Exception {
        DemoDataLoader loader = new DemoDataLoader(new GovdxApi(GovdxSystem.GATEWAY, GovdxStack.KEYCLOAK_URL), GovdxStack.root().resolve("seeds"));
        loader.load();
        loader.load();
        as("hrss-steward").get("/api/catalog/departments").then().statusCode(200)
                .body("code", hasItems("civil-affairs", "health", "public-security", "transport", "market-regulation", "hrss"))
                .body("find { it.code == 'health' }.nameZh", equalTo("卫生健康委员会"));
    }
}
