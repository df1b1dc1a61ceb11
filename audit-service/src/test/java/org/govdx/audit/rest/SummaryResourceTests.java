package org.govdx.audit.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.govdx.audit.support.TestLog;
import org.govdx.testsupport.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Summaries and sharing credits over a window no other test writes into: two days in 1999 with a known set of
 * publications and data accesses.
 */
@QuarkusTest
class SummaryResourceTests {

    static final String DAY1 = "1999-03-01";
    static final String DAY2 = "1999-03-02";
    static final String FROM = "1999-03-01T00:00:00Z";
    static final String TO = "1999-03-03T00:00:00Z";
    static boolean loaded;

    static Map<String, Object> at(Map<String, Object> event, String day, int hour) {
        event.put("occurredAt", day + "T" + String.format("%02d", hour) + ":00:00Z");
        return event;
    }

    static Map<String, Object> access(String day, String owner, String consumer, String dataset, String outcome) {
        Map<String, Object> e = at(TestLog.event("data.read", owner, consumer), day, 10);
        e.put("datasetId", dataset);
        e.put("agreementId", "agr-" + dataset + "-" + consumer);
        e.put("outcome", outcome);
        return e;
    }

    static Map<String, Object> published(String day, String owner, String dataset, Object quality) {
        Map<String, Object> e = at(TestLog.event("dataset.published", owner, owner), day, 9);
        e.put("datasetId", dataset);
        if (quality != null) {
            e.put("details", Map.of("quality", quality));
        }
        return e;
    }

    @BeforeEach
    void load() {
        if (loaded) {
            return;
        }
        List<Map<String, Object>> events = new ArrayList<>();
        events.add(published(DAY1, "health", "h-births", 0.9));
        events.add(published(DAY1, "health", "h-clinics", Map.of("completeness", 80, "validity", 100, "uniqueness", 90, "timeliness", 70)));
        events.add(published(DAY2, "health", "h-births", 0.5)); // republished: the latest quality counts, once
        events.add(published(DAY1, "transport", "t-buses", null));
        for (int i = 0; i < 5; i++) {
            events.add(access(DAY1, "health", "civil-affairs", "h-births", "ALLOWED"));
        }
        for (int i = 0; i < 3; i++) {
            events.add(access(DAY2, "health", "transport", "h-clinics", "ALLOWED"));
        }
        events.add(access(DAY2, "health", "transport", "h-births", "DENIED"));
        events.add(access(DAY2, "transport", "health", "t-buses", "ALLOWED"));
        events.add(access(DAY2, "transport", "transport", "t-buses", "ALLOWED")); // own data: no credit
        Map<String, Object> refusedPublication = at(TestLog.event("dataset.publish-requested", "hrss", "hrss"), DAY1, 11);
        refusedPublication.put("outcome", "DENIED");
        events.add(refusedPublication);
        TestLog.ingest(events).statusCode(200);
        loaded = true;
    }

    static JsonPath get(String token, String path) {
        return given().auth().oauth2(token).queryParam("from", FROM).queryParam("to", TO).when().get(path)
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void accessesPerDepartmentPairPerDay() {
        JsonPath pairs = get(Tokens.of("auditor"), "/api/audit/summaries/department-pairs");
        assertThat(pairs.getList("items", Map.class)).containsExactly(
                Map.of("day", DAY1, "consumerDepartment", "civil-affairs", "ownerDepartment", "health", "allowed", 5, "denied", 0),
                Map.of("day", DAY2, "consumerDepartment", "health", "ownerDepartment", "transport", "allowed", 1, "denied", 0),
                Map.of("day", DAY2, "consumerDepartment", "transport", "ownerDepartment", "health", "allowed", 3, "denied", 1),
                Map.of("day", DAY2, "consumerDepartment", "transport", "ownerDepartment", "transport", "allowed", 1, "denied", 0));
        JsonPath civil = get(Tokens.of("civil-affairs-cdo"), "/api/audit/summaries/department-pairs");
        assertThat(civil.getString("department")).isEqualTo("civil-affairs");
        assertThat(civil.getList("items.ownerDepartment", String.class)).containsExactly("health");
    }

    @Test
    void denialsPerDay() {
        JsonPath denials = get(Tokens.of("platform-admin"), "/api/audit/summaries/denials");
        assertThat(denials.getList("items", Map.class)).containsExactly(
                Map.of("day", DAY1, "denials", 1, "accessDenials", 0),
                Map.of("day", DAY2, "denials", 1, "accessDenials", 1));
        JsonPath health = get(Tokens.of("health-cdo"), "/api/audit/summaries/denials");
        assertThat(health.getList("items", Map.class)).containsExactly(Map.of("day", DAY2, "denials", 1, "accessDenials", 1));
    }

    @Test
    void topDatasets() {
        JsonPath top = get(Tokens.of("auditor"), "/api/audit/summaries/top-datasets");
        assertThat(top.getList("items.datasetId", String.class)).containsExactly("h-births", "h-clinics", "t-buses");
        assertThat(top.getList("items.accesses", Integer.class)).containsExactly(5, 3, 2);
        assertThat(top.getList("items.denied", Integer.class)).containsExactly(1, 0, 0);
        assertThat(top.getList("items.consumerDepartments", Integer.class)).containsExactly(1, 1, 2);
        JsonPath civil = get(Tokens.of("civil-affairs-cdo"), "/api/audit/summaries/top-datasets");
        assertThat(civil.getList("items.datasetId", String.class)).containsExactly("h-births");
    }

    @Test
    void sharingCreditsLeagueTable() {
        JsonPath league = get(Tokens.of("auditor"), "/api/audit/credits");
        assertThat(league.getList("departments.department", String.class)).containsExactly("health", "transport", "civil-affairs");
        // health: h-births (latest quality 0.5) + h-clinics (mean of 0.8, 1, 0.9, 0.7 = 0.85) = 1.35; 8 allowed uses by others
        assertThat(league.getDouble("departments[0].qualityWeightedPublications")).isEqualTo(1.35);
        assertThat(league.getInt("departments[0].datasetsPublished")).isEqualTo(2);
        assertThat(league.getLong("departments[0].usesByOthers")).isEqualTo(8);
        assertThat(league.getLong("departments[0].consumerDepartments")).isEqualTo(2);
        assertThat(league.getLong("departments[0].usesOfOthers")).isEqualTo(1);
        assertThat(league.getDouble("departments[0].credits")).isEqualTo(21.5);
        // transport: t-buses without quality (weight 1), used once by health; used health's data 3 times
        assertThat(league.getDouble("departments[1].credits")).isEqualTo(11.0);
        assertThat(league.getLong("departments[1].usesOfOthers")).isEqualTo(3);
        // civil-affairs published nothing, used health's data 5 times
        assertThat(league.getDouble("departments[2].credits")).isEqualTo(0.0);
        assertThat(league.getLong("departments[2].usesOfOthers")).isEqualTo(5);
        assertThat(league.getList("departments.rank", Integer.class)).containsExactly(1, 2, 3);

        JsonPath own = get(Tokens.of("transport-cdo"), "/api/audit/credits");
        assertThat(own.getList("departments.department", String.class)).containsExactly("transport");
        assertThat(own.getInt("departments[0].rank")).isEqualTo(2);
        given().auth().oauth2(Tokens.of("transport-steward")).when().get("/api/audit/credits").then().statusCode(403);
    }

    @Test
    void aWindowMustBeValid() {
        given().auth().oauth2(Tokens.of("auditor")).queryParam("from", TO).queryParam("to", FROM).when().get("/api/audit/credits")
                .then().statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("from"));
        assertThat(LocalDate.parse(DAY1)).isBefore(LocalDate.parse(DAY2));
    }
}
