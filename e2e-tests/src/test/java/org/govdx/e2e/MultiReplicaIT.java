package org.govdx.e2e;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.govdx.testsupport.CatalogDatasets;
import org.govdx.testsupport.GovdxStack;
import org.govdx.testsupport.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Two instances of every service on the same databases, as on a cluster with two replicas: outbox relays,
 * the audit sequencer and checkpoint signer, and the exchange's schedulers all run twice at once. Nothing
 * may be lost, duplicated or signed twice.
 */
@ExtendWith(GovdxSystem.class)
class MultiReplicaIT {

    @BeforeAll
    static void startReplicas() throws Exception {
        GovdxSystem.startReplicas();
    }

    @AfterAll
    static void stopReplicas() throws Exception {
        GovdxSystem.stopReplicas();
    }

    private static RequestSpecification as(String gateway, String user) {
        return RestAssured.given().baseUri(gateway).auth().oauth2(Tokens.of(user)).contentType("application/json");
    }

    private static List<Map<String, Object>> allEntries() {
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        do {
            var request = as(GovdxSystem.GATEWAY, "auditor").queryParam("limit", 1000);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/audit/entries").then().statusCode(200).extract().jsonPath();
            all.addAll(page.getList("items"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return all;
    }

    @Test
    void relaysInTwoReplicasDeliverEveryEventExactlyOnceIntoAGapFreeLog() {
        String marker = "mr" + UUID.randomUUID().toString().substring(0, 6);
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String gateway = i % 2 == 0 ? GovdxSystem.GATEWAY : GovdxSystem.REPLICA_GATEWAY;
            String code = marker + "-" + i;
            writes.add(CompletableFuture.runAsync(() -> as(gateway, "platform-admin")
                    .body(Map.of("code", code, "nameZh", "副本测试局", "nameEn", "Replica " + code))
                    .put("/api/catalog/departments/" + code).then().statusCode(200)));
        }
        writes.forEach(CompletableFuture::join);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            long logged = allEntries().stream().filter(e -> String.valueOf(((Map<?, ?>) e.get("event")).get("ownerDepartment")).startsWith(marker + "-")).count();
            assertThat(logged).isGreaterThanOrEqualTo(40);
        });
        List<Map<String, Object>> entries = allEntries();
        List<String> mine = entries.stream().map(e -> (Map<?, ?>) e.get("event"))
                .filter(e -> String.valueOf(e.get("ownerDepartment")).startsWith(marker + "-"))
                .map(e -> String.valueOf(e.get("ownerDepartment"))).toList();
        assertThat(mine).hasSize(40).doesNotHaveDuplicates();

        Set<Object> eventIds = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            assertThat(((Number) entries.get(i).get("index")).longValue()).as("gap-free indices").isEqualTo(i);
            assertThat(eventIds.add(((Map<?, ?>) entries.get(i).get("event")).get("eventId"))).as("event logged once").isTrue();
        }
    }

    @Test
    void bothAuditReplicasServeTheSameVerifiedLogAndNoSizeIsSignedTwice() {
        as(GovdxSystem.REPLICA_GATEWAY, "auditor").post("/api/audit/log/checkpoint").then().statusCode(200);
        as(GovdxSystem.GATEWAY, "auditor").post("/api/audit/log/checkpoint").then().statusCode(200);
        for (String gateway : List.of(GovdxSystem.GATEWAY, GovdxSystem.REPLICA_GATEWAY)) {
            as(gateway, "auditor").get("/api/audit/log/verify").then().statusCode(200).body("ok", equalTo(true));
        }
        List<Long> sizes = as(GovdxSystem.GATEWAY, "auditor").queryParam("limit", 1000).get("/api/audit/log/checkpoints")
                .then().statusCode(200).extract().jsonPath().getList("treeSize", Long.class);
        assertThat(sizes).isNotEmpty().doesNotHaveDuplicates().isSorted();
        long last = sizes.get(sizes.size() - 1);
        String a = as(GovdxSystem.GATEWAY, "auditor").get("/api/audit/log/checkpoints/" + last).then().statusCode(200).extract().asString();
        String b = as(GovdxSystem.REPLICA_GATEWAY, "auditor").get("/api/audit/log/checkpoints/" + last).then().statusCode(200).extract().asString();
        assertThat(a).isEqualTo(b);
    }

    @Test
    void twoExchangeSchedulersExpireAnAgreementExactlyOnce() throws Exception {
        UUID dataset = new CatalogDatasets(GovdxSystem.GATEWAY).publishResidents();
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        Map<String, Object> draft = new HashMap<>();
        draft.put("datasetId", dataset.toString());
        draft.put("fields", List.of("district_code"));
        draft.put("purpose", "STATISTICS");
        draft.put("purposeDetail", "人口统计");
        draft.put("legalBasis", "《统计法》");
        draft.put("accessMode", "AGGREGATE");
        draft.put("termStart", today.toString());
        draft.put("termEnd", today.plusMonths(1).toString());
        draft.put("retentionDays", 30);
        draft.put("authorisedUsers", List.of("hrss-steward"));
        String id = as(GovdxSystem.GATEWAY, "hrss-steward").body(draft).post("/api/exchange/requests").then().statusCode(201).extract().path("id");
        as(GovdxSystem.REPLICA_GATEWAY, "hrss-steward").post("/api/exchange/requests/" + id + "/submit").then().statusCode(200);
        String etag = as(GovdxSystem.GATEWAY, "hrss-cdo").get("/api/exchange/requests/" + id).header("ETag");
        as(GovdxSystem.REPLICA_GATEWAY, "hrss-cdo").header("If-Match", etag).post("/api/exchange/requests/" + id + "/endorse").then().statusCode(200);
        etag = as(GovdxSystem.GATEWAY, "civil-affairs-cdo").get("/api/exchange/requests/" + id).header("ETag");
        String agreementId = as(GovdxSystem.GATEWAY, "civil-affairs-cdo").header("If-Match", etag).post("/api/exchange/requests/" + id + "/approve")
                .then().statusCode(200).extract().path("agreementId");

        // the term ends: both replicas' schedulers (every 2 s here) see it at once
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://" + GovdxStack.DB_HOST + ":" + GovdxStack.DB_PORT + "/govdx_exchange_e2e", GovdxStack.DB_USER, "");
             PreparedStatement update = db.prepareStatement("update agreement set term_end = ? where id = ?")) {
            update.setObject(1, today.minusDays(1));
            update.setObject(2, UUID.fromString(agreementId));
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(GovdxSystem.REPLICA_GATEWAY, "hrss-cdo")
                .get("/api/exchange/agreements/" + agreementId).then().body("state", equalTo("EXPIRED")));
        Thread.sleep(6000); // several more scheduler runs on both replicas
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(GovdxSystem.GATEWAY, "auditor")
                .queryParam("agreement", agreementId).queryParam("action", "agreement.expired").get("/api/audit/entries")
                .then().statusCode(200).body("items.size()", equalTo(1)));
    }
}
