package org.govdx.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.govdx.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import java.io.InputStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@QuarkusTestResource(EchoUpstream.class)
class ApiProxyTests {

    @Test
    void withoutATokenNothingIsForwardedAndTheAnswerIs401ProblemJson() {
        given().when().get("/api/catalog/datasets")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer realm=\"govdx\"")
                .body("type", equalTo("https://govdx.org/problems/unauthenticated"));
    }

    @Test
    void thePublicJwksIsForwardedWithoutAToken() {
        // the exchange route points at a closed port here: 502 proves the gateway forwarded instead of answering 401
        given().when().get("/api/exchange/.well-known/jwks.json").then().statusCode(502);
        given().when().get("/api/exchange/requests").then().statusCode(401);
    }

    @Test
    void aForgedTokenIs401() {
        String token = Tokens.of("health-steward");
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
        given().auth().oauth2(forged).when().get("/api/catalog/datasets")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aValidTokenIsForwardedWithARequestIdAndATraceparent() {
        String token = Tokens.of("health-steward");
        given().auth().oauth2(token).queryParam("q", "户籍").when().get("/api/catalog/datasets")
                .then().statusCode(200)
                .header("X-Request-Id", notNullValue())
                .body("method", equalTo("GET"))
                .body("uri", equalTo("/api/catalog/datasets?q=%E6%88%B7%E7%B1%8D"))
                .body("authorization", equalTo("Bearer " + token))
                .body("requestId", matchesPattern("[0-9a-f-]{36}"))
                .body("traceparent", matchesPattern("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]"));
    }

    @Test
    void aCallersRequestIdIsKeptAndAnUnsafeOneReplaced() {
        String token = Tokens.of("health-steward");
        given().auth().oauth2(token).header("X-Request-Id", "case-2026-0042").when().get("/api/audit/entries")
                .then().statusCode(200).header("X-Request-Id", "case-2026-0042").body("requestId", equalTo("case-2026-0042"));
        given().auth().oauth2(token).header("X-Request-Id", "bad id\twith spaces").when().get("/api/audit/entries")
                .then().statusCode(200).body("requestId", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void requestBodiesPassThrough() {
        given().auth().oauth2(Tokens.of("health-steward")).contentType("application/json").body("{\"a\":\"" + "y".repeat(100_000) + "\"}")
                .when().post("/api/catalog/datasets").then().statusCode(200).body("method", equalTo("POST")).body("bodyLength", equalTo(100_008));
    }

    @Test
    void largeResponsesStreamThroughWhole() throws Exception {
        try (InputStream body = given().auth().oauth2(Tokens.of("health-steward")).when().get("/api/catalog/stream")
                .then().statusCode(200).extract().asInputStream()) {
            long total = 0;
            byte[] buffer = new byte[65536];
            for (int n; (n = body.read(buffer)) > 0; ) {
                total += n;
            }
            assertThat(total).isEqualTo((long) EchoUpstream.STREAM_CHUNKS * EchoUpstream.CHUNK_SIZE);
        }
    }

    @Test
    void anUnknownApiIs404AndADownServiceIs502BothProblemJson() {
        String token = Tokens.of("health-steward");
        given().auth().oauth2(token).when().get("/api/nothing/here")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(token).when().get("/api/exchange/requests")
                .then().statusCode(502).contentType("application/problem+json").body("status", equalTo(502));
    }
}
