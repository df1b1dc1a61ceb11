package org.govdx.e2e;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.govdx.testsupport.CatalogDatasets;
import org.govdx.testsupport.GovdxStack;
import org.govdx.testsupport.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/**
 * Two departments take a request from draft to a signed ACTIVE agreement through the gateway; the agreement
 * verifies offline with the README's tool and the public JWKS; every step is in the audit log.
 */
@ExtendWith(GovdxSystem.class)
class AgreementStoryIT {

    private static RequestSpecification as(String user) {
        return RestAssured.given().baseUri(GovdxSystem.GATEWAY).auth().oauth2(Tokens.of(user)).contentType("application/json");
    }

    private static String etag(String user, String id) {
        return as(user).get("/api/exchange/requests/" + id).then().statusCode(200).extract().header("ETag");
    }

    @Test
    void fromDraftToAVerifiedAgreementAndIntoTheAuditLog() throws Exception {
        UUID dataset = new CatalogDatasets(GovdxSystem.GATEWAY).publishResidents();
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        Map<String, Object> draft = new HashMap<>();
        draft.put("datasetId", dataset.toString());
        draft.put("fields", List.of("resident_id", "name", "district_code"));
        draft.put("purpose", "SOCIAL_ASSISTANCE_ELIGIBILITY");
        draft.put("purposeDetail", "核对低保申请人户籍");
        draft.put("legalBasis", "《社会救助暂行办法》第十一条");
        draft.put("accessMode", "VIEW");
        draft.put("rowFilter", "district_code = '320505'");
        draft.put("termStart", today.toString());
        draft.put("termEnd", today.plusMonths(6).toString());
        draft.put("dailyRowQuota", 2000);
        draft.put("retentionDays", 30);
        draft.put("authorisedUsers", List.of("hrss-steward"));

        String id = as("hrss-steward").body(draft).post("/api/exchange/requests").then().statusCode(201).extract().path("id");
        as("hrss-steward").post("/api/exchange/requests/" + id + "/submit").then().statusCode(200);
        as("hrss-cdo").header("If-Match", etag("hrss-cdo", id)).post("/api/exchange/requests/" + id + "/endorse").then().statusCode(200);
        String agreementId = as("civil-affairs-cdo").header("If-Match", etag("civil-affairs-cdo", id))
                .body(Map.of("reason", "同意")).post("/api/exchange/requests/" + id + "/approve")
                .then().statusCode(200).body("state", equalTo("APPROVED")).extract().path("agreementId");

        Response agreement = as("hrss-cdo").get("/api/exchange/agreements/" + agreementId);
        agreement.then().statusCode(200).body("state", equalTo("ACTIVE"));
        String jwks = RestAssured.given().baseUri(GovdxSystem.GATEWAY).get("/api/exchange/.well-known/jwks.json").then().statusCode(200).extract().asString();

        Path dir = Files.createTempDirectory("agreement");
        Files.writeString(dir.resolve("agreement.json"), agreement.asString());
        Files.writeString(dir.resolve("jwks.json"), jwks);
        Process verifier = new ProcessBuilder("java", "-Xmx64m", GovdxStack.root().resolve("tools/VerifyAgreement.java").toString(),
                dir.resolve("agreement.json").toString(), dir.resolve("jwks.json").toString()).redirectErrorStream(true).start();
        String output = new String(verifier.getInputStream().readAllBytes());
        assertThat(verifier.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(verifier.exitValue()).as(output).isZero();
        assertThat(output).contains("OK   consumerSignature: signed by hrss-cdo", "OK   providerSignature: signed by civil-affairs-cdo");

        // a tampered copy fails the same check
        Files.writeString(dir.resolve("agreement.json"), agreement.asString().replace("320505", "320506"));
        Process tampered = new ProcessBuilder("java", "-Xmx64m", GovdxStack.root().resolve("tools/VerifyAgreement.java").toString(),
                dir.resolve("agreement.json").toString(), dir.resolve("jwks.json").toString()).redirectErrorStream(true).start();
        tampered.getInputStream().readAllBytes();
        assertThat(tampered.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(tampered.exitValue()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                as("auditor").queryParam("dataset", dataset.toString()).queryParam("limit", 100).get("/api/audit/entries")
                        .then().statusCode(200)
                        .body("items.event.action", hasItems("request.drafted", "request.submit", "request.endorse", "request.approve", "agreement.signed")));
    }
}
