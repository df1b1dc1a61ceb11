package org.govdx.exchange.data;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.govdx.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.govdx.exchange.data.GovernedReadTests.GRANTED;
import static org.govdx.exchange.data.GovernedReadTests.PURPOSE;
import static org.govdx.exchange.data.GovernedReadTests.query;
import static org.govdx.exchange.data.GovernedReadTests.read;

@QuarkusTest
class UsageFlagTests {

    @Inject
    Pool pool;

    @Test
    void aBurstOfRefusedCallsIsFlaggedToTheProvidersCdoAndTheAuditLog() {
        String agreementId = GovernedReadTests.agreement(GRANTED, 5000);
        for (int i = 0; i < 5; i++) {
            // probing for a field the agreement does not grant
            read(Tokens.of("hrss-steward"), agreementId, query(List.of("income"), null, null, 0, null, PURPOSE)).then().statusCode(403);
        }
        Response flags = flagsOnceThere(agreementId, 1);
        flags.then().statusCode(200);
        List<Map<String, Object>> list = flags.path("$");
        assertThat(list).hasSize(1);
        assertThat(list.get(0)).containsEntry("kind", "DENIAL_BURST").containsEntry("consumerDepartment", "hrss");
        assertThat(flags.asString()).doesNotContain("income");
        String eventId = (String) list.get(0).get("auditEventId");
        String payload = pool.preparedQuery("select payload from outbox_event where event_id = $1").execute(Tuple.of(UUID.fromString(eventId)))
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getString(0);
        assertThat(payload).contains("\"action\":\"data.usage-anomaly\"").contains("\"ownerDepartment\":\"civil-affairs\"").contains("DENIAL_BURST");

        // a sixth refusal within the cooldown is not a second flag
        read(Tokens.of("hrss-steward"), agreementId, query(List.of("income"), null, null, 0, null, PURPOSE)).then().statusCode(403);
        settle();
        given().auth().oauth2(Tokens.of("auditor")).queryParam("agreementId", agreementId).get("/api/exchange/usage-flags")
                .then().statusCode(200).body("size()", org.hamcrest.Matchers.equalTo(1));

        // the consumer's CDO sees only flags of its own data; a steward sees none
        given().auth().oauth2(Tokens.of("hrss-cdo")).queryParam("agreementId", agreementId).get("/api/exchange/usage-flags")
                .then().statusCode(200).body("size()", org.hamcrest.Matchers.equalTo(0));
        given().auth().oauth2(Tokens.of("civil-affairs-steward")).get("/api/exchange/usage-flags").then().statusCode(403);
    }

    @Test
    void readingFarAboveTheDeclaredDailyVolumeIsFlagged() {
        // the test agreements declare an expected daily volume of 10 rows: 30 rows is under 3x, 60 is above
        String agreementId = GovernedReadTests.agreement(GRANTED, 5000);
        read(Tokens.of("hrss-steward"), agreementId, query(GRANTED, null, null, 0, null, PURPOSE)).then().statusCode(200);
        settle();
        given().auth().oauth2(Tokens.of("civil-affairs-cdo")).queryParam("agreementId", agreementId).get("/api/exchange/usage-flags")
                .then().statusCode(200).body("findAll { it.kind == 'VOLUME_ABOVE_DECLARED' }.size()", org.hamcrest.Matchers.equalTo(0));
        read(Tokens.of("hrss-steward"), agreementId, query(GRANTED, null, null, 0, null, PURPOSE)).then().statusCode(200);
        flagsOnceThere(agreementId, 1)
                .then().statusCode(200).body("findAll { it.kind == 'VOLUME_ABOVE_DECLARED' }.size()", org.hamcrest.Matchers.equalTo(1))
                .body("find { it.kind == 'VOLUME_ABOVE_DECLARED' }.observed.rowsToday", org.hamcrest.Matchers.equalTo(60));
    }

    /** The agreement's flags as its provider's CDO sees them, once at least {@code count} are there (flags are recorded just after the read answers). */
    static Response flagsOnceThere(String agreementId, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            Response r = given().auth().oauth2(Tokens.of("civil-affairs-cdo")).queryParam("agreementId", agreementId).get("/api/exchange/usage-flags");
            if (r.statusCode() != 200 || r.<List<?>>path("$").size() >= count || System.nanoTime() > deadline) {
                return r;
            }
            sleep(100);
        }
    }

    /** Long enough for the monitor to record a flag a read would raise (the negative checks wait this long before looking). */
    static void settle() {
        sleep(1500);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
