package org.govdx.exchange.rest;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.govdx.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** Only the streaming upload route takes large bodies; every other operation stops at 2 MiB, with or without a length. */
@QuarkusTest
class RequestBodyLimitTests {

    private static final int THREE_MB = 3 * 1024 * 1024;

    @TestHTTPResource("/")
    URI service;

    private static byte[] jsonOf(int size) {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[size - 1] = '}';
        return body;
    }

    @Test
    void aDeclaredBodyOverTheLimitIs413BeforeItIsRead() {
        given().auth().oauth2(Tokens.of("hrss-steward")).contentType("application/json").body(jsonOf(THREE_MB))
                .when().post("/api/exchange/requests")
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("https://govdx.org/problems/payload-too-large"));
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedWithA4xx() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(service.resolve("/api/exchange/requests"))
                .header("Authorization", "Bearer " + Tokens.of("hrss-steward"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(jsonOf(THREE_MB))))
                .build();
        int status;
        try {
            status = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException connectionClosedWhileSending) {
            status = 413; // the service closed the connection before the client had sent everything: also a refusal
        }
        assertThat(status).isEqualTo(413);
        // and nothing was half-done: the service still answers, and no request was drafted from the cut-off body
        given().auth().oauth2(Tokens.of("hrss-steward")).when().get("/api/exchange/requests")
                .then().statusCode(200);
    }

    @Test
    void theUploadRouteTakesLargerBodies() {
        given().auth().oauth2(Tokens.of("health-steward")).contentType("application/x-ndjson").body(new byte[THREE_MB])
                .when().post("/api/exchange/datasets/" + UUID.randomUUID() + "/versions/1/rows")
                .then().statusCode(not(413));
    }
}
