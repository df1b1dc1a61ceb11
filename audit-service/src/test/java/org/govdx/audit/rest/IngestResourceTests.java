package org.govdx.audit.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.govdx.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class IngestResourceTests {

    static Map<String, Object> event(String action, String owner, String actorDepartment) {
        Map<String, Object> event = new HashMap<>();
        event.put("eventId", UUID.randomUUID().toString());
        event.put("occurredAt", Instant.now().toString());
        event.put("source", "test");
        event.put("action", action);
        event.put("outcome", "ALLOWED");
        event.put("ownerDepartment", owner);
        event.put("actor", Map.of("username", actorDepartment + "-steward", "department", actorDepartment, "roles", List.of("steward")));
        return event;
    }

    private static ValidatableResponse ingest(Object batch) {
        return given().auth().oauth2(Tokens.ofService()).contentType("application/json").body(batch)
                .when().post("/api/audit/ingest").then();
    }

    @Inject
    Pool pool;

    /** Entries other than the audit service's own audit.queried events (every query through the API appends one). */
    private long logSize() {
        return pool.query("select count(*) from log_entry where action <> 'audit.queried'").execute().await().indefinitely()
                .iterator().next().getLong(0);
    }

    @Test
    void onlyGovdxServicesMayIngest() {
        given().auth().oauth2(Tokens.of("civil-affairs-steward")).contentType("application/json")
                .body(List.of(event("dataset.read", "health", "civil-affairs")))
                .when().post("/api/audit/ingest").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(Tokens.ofSystem("health")).contentType("application/json")
                .body(List.of(event("dataset.read", "health", "health")))
                .when().post("/api/audit/ingest").then().statusCode(403);
    }

    @Test
    void anEventQuotingANulCharacterIsLoggedWithItReplacedAndDoesNotStallItsBatch() {
        // a refused request quoting the caller's input (found by the acceptance suite's fuzzing): PostgreSQL cannot store U+0000
        Map<String, Object> quoting = event("dataset.drafted", "civil\u0000affairs", "civil-affairs");
        quoting.put("details", Map.of("code\u0000", "A\u0000B"));
        long before = logSize();
        ingest(List.of(event("n.before", "health", "hrss"), quoting, event("n.after", "health", "hrss")))
                .statusCode(200).body("appended", equalTo(3));
        assertThat(logSize()).isEqualTo(before + 3);
        given().auth().oauth2(Tokens.of("auditor")).queryParam("action", "dataset.drafted").queryParam("ownerDepartment", "civil\uFFFDaffairs")
                .get("/api/audit/entries").then().statusCode(200).body("items[0].event.details", equalTo(Map.of("code\uFFFD", "A\uFFFDB")));
    }

    @Test
    void aRedeliveredBatchIsLoggedExactlyOnce() {
        List<Map<String, Object>> batch = List.of(event("a.one", "health", "hrss"), event("a.two", "health", "hrss"), event("a.three", "hrss", "hrss"));
        long before = logSize();
        ingest(batch).statusCode(200).body("appended", equalTo(3)).body("duplicates", equalTo(0));
        ingest(batch).statusCode(200).body("appended", equalTo(0)).body("duplicates", equalTo(3));
        assertThat(logSize()).isEqualTo(before + 3);
    }

    @Test
    void aBatchWithOneInvalidEventIsRefusedWholeAndNothingIsLogged() {
        Map<String, Object> bad = event("x.bad", "health", "hrss");
        bad.put("eventId", "not-a-uuid");
        bad.put("outcome", "MAYBE");
        long before = logSize();
        ingest(List.of(event("x.good", "health", "hrss"), bad)).statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("[1].eventId")).body("errors.field", hasItem("[1].outcome"));
        ingest("{\"not\": \"an array\"}").statusCode(400).contentType("application/problem+json");
        assertThat(logSize()).isEqualTo(before);
    }

    @Test
    void concurrentBatchesGetGapFreeIndicesInOrder() {
        List<CompletableFuture<Void>> producers = new ArrayList<>();
        IntStream.range(0, 8).forEach(p -> producers.add(CompletableFuture.runAsync(() -> {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                batch.add(event("concurrent.p" + p, "transport", "transport"));
            }
            ingest(batch).statusCode(200).body("appended", equalTo(25));
        })));
        producers.forEach(CompletableFuture::join);
        List<Long> indices = new ArrayList<>();
        pool.query("select idx from log_entry where action like 'concurrent.p%' order by idx").execute().await().indefinitely()
                .forEach(row -> indices.add(row.getLong(0)));
        long before = indices.get(0);
        List<Long> expected = new ArrayList<>();
        for (long i = before; i < before + 200; i++) {
            expected.add(i);
        }
        assertThat(indices).containsExactlyElementsOf(expected);
    }

    @Test
    void aCdoReadsOnlyEventsAboutItsOwnDepartmentAndAStewardNothing() {
        String marker = "scope." + UUID.randomUUID().toString().substring(0, 8);
        ingest(List.of(event(marker, "health", "health"), event(marker, "hrss", "civil-affairs"), event(marker, "transport", "transport")))
                .statusCode(200);
        given().auth().oauth2(Tokens.of("health-cdo")).queryParam("action", marker).when().get("/api/audit/entries")
                .then().statusCode(200).body("items.size()", equalTo(1)).body("items[0].event.ownerDepartment", equalTo("health"));
        given().auth().oauth2(Tokens.of("civil-affairs-cdo")).queryParam("action", marker).when().get("/api/audit/entries")
                .then().statusCode(200).body("items.size()", equalTo(1)).body("items.event.ownerDepartment", everyItem(not(equalTo("transport"))));
        given().auth().oauth2(Tokens.of("auditor")).queryParam("action", marker).when().get("/api/audit/entries")
                .then().statusCode(200).body("items.size()", equalTo(3));
        given().auth().oauth2(Tokens.of("health-steward")).when().get("/api/audit/entries")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void badQueryParametersAreClear400s() {
        String auditor = Tokens.of("auditor");
        given().auth().oauth2(auditor).queryParam("outcome", "PERHAPS").when().get("/api/audit/entries")
                .then().statusCode(400).body("errors[0].field", equalTo("outcome"));
        given().auth().oauth2(auditor).queryParam("from", "yesterday").when().get("/api/audit/entries")
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
        given().auth().oauth2(auditor).queryParam("limit", 0).when().get("/api/audit/entries")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(auditor).queryParam("cursor", "abc").when().get("/api/audit/entries")
                .then().statusCode(400).body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void entriesAreStoredInCanonicalJsonWithTheirLeafHash() throws Exception {
        Map<String, Object> e = event("canonical.check", "health", "health");
        ingest(List.of(e)).statusCode(200);
        var item = given().auth().oauth2(Tokens.of("auditor")).queryParam("action", "canonical.check").when().get("/api/audit/entries")
                .then().statusCode(200).extract().jsonPath();
        String leafHash = item.getString("items[0].leafHash");
        String canonical = org.govdx.common.json.CanonicalJson.string(e);
        var sha = java.security.MessageDigest.getInstance("SHA-256");
        sha.update((byte) 0);
        assertThat(leafHash).isEqualTo(java.util.HexFormat.of().formatHex(sha.digest(canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    }
}
