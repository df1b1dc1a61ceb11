package org.govdx.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.govdx.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** The gateway's API edge: per-department budgets, request-body limits, CORS. */
@QuarkusTest
@QuarkusTestResource(EchoUpstream.class)
class ApiEdgeTests {

    private static final int THREE_MB = 3 * 1024 * 1024;

    @TestHTTPResource("/")
    URI gateway;

    @Test
    void aDepartmentOverItsBudgetGets429WithRetryAfterWhileOthersGoOn() {
        String transport = Tokens.of("transport-steward");
        List<Integer> statuses = new ArrayList<>();
        Response refused = null;
        for (int i = 0; i < 6; i++) {
            Response response = given().auth().oauth2(transport).get("/api/catalog/datasets");
            statuses.add(response.statusCode());
            if (response.statusCode() == 429) {
                refused = response;
            }
        }
        assertThat(statuses.subList(0, 3)).containsOnly(200);
        assertThat(statuses).contains(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 5);
        assertThat(refused.jsonPath().getString("type")).isEqualTo("https://govdx.org/problems/rate-limited");
        assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
        // another department's budget is its own
        given().auth().oauth2(Tokens.of("health-steward")).get("/api/catalog/datasets")
                .then().statusCode(200).header("RateLimit-Limit", "400");
    }

    @Test
    void aBodyOverTheDefaultLimitIs413BeforeAnythingReachesTheService() {
        given().auth().oauth2(Tokens.of("health-steward")).contentType("application/json").body(new byte[THREE_MB])
                .post("/api/catalog/datasets")
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("https://govdx.org/problems/payload-too-large"))
                .body("detail", containsString("2097152 bytes"));
    }

    @Test
    void aChunkedBodyWithoutALengthIsCutOffAtTheLimit() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(gateway.resolve("/api/catalog/datasets"))
                .header("Authorization", "Bearer " + Tokens.of("health-steward"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[THREE_MB])))
                .build();
        HttpResponse<String> response;
        try {
            response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException closedWhileSending) {
            return; // the gateway may close the connection mid-upload; what matters is that nothing was forwarded whole
        }
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("payload-too-large");
    }

    @Test
    void uploadRoutesTakeLargeBodies() {
        given().auth().oauth2(Tokens.of("health-steward")).contentType("application/x-ndjson").body(new byte[THREE_MB])
                .post("/api/catalog/uploads/batch-1")
                .then().statusCode(200).body("bodyLength", equalTo(THREE_MB));
    }

    @Test
    void corsAnswersConfiguredOriginsOnlyAndExposesTheHeadersClientsNeed() {
        given().header("Origin", "http://localhost:8480").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,if-match")
                .options("/api/exchange/requests")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:8480")
                .header("Access-Control-Allow-Headers", containsString("If-Match"));
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .options("/api/exchange/requests")
                .then().header("Access-Control-Allow-Origin", nullValue());
        given().auth().oauth2(Tokens.of("health-steward")).header("Origin", "http://localhost:8480")
                .get("/api/catalog/datasets")
                .then().statusCode(200).header("Access-Control-Expose-Headers", containsString("Retry-After"));
    }
}
