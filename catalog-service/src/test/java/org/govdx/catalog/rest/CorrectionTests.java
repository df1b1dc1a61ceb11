package org.govdx.catalog.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.govdx.catalog.support.Catalog;
import org.govdx.testsupport.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** Corrections (DOMAIN rule 12): a consumer reports, the provider answers by a working-day deadline, both see it, quality counts it. */
@QuarkusTest
class CorrectionTests {

    @Inject
    Pool pool;

    @ConfigProperty(name = "govdx.exchange.url")
    String exchange;

    @BeforeEach
    void basics() {
        Catalog.ensureBasics();
    }

    private static Map<String, Object> report(String residentId) {
        return Map.of("recordKey", Map.of("resident_id", residentId), "field", "mobile", "proposedValue", "13812345678",
                "evidence", "本人到窗口办理业务时出示的手机号码");
    }

    private static Response post(String user, String datasetId, Object body) {
        return given().auth().oauth2(Tokens.of(user)).contentType("application/json").body(body).post("/api/catalog/datasets/" + datasetId + "/corrections");
    }

    /** Five working days after today on the stub's calendar (Monday to Friday, without the holidays the test set). */
    private static LocalDate due(LocalDate start, LocalDate holiday) {
        LocalDate day = start;
        int counted = 0;
        while (counted < 5) {
            day = day.plusDays(1);
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY && !day.equals(holiday)) {
                counted++;
            }
        }
        return day;
    }

    @Test
    void aConsumerReportsTheProviderAnswersAndBothSeeTheOutcome() {
        String id = Catalog.publish(Catalog.demo("MCA-RESIDENTS"), "civil-affairs-steward", "civil-affairs-cdo");
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        LocalDate holiday = today.plusDays(2);
        Catalog.stub(exchange, "PUT", "/_stub/holidays/" + holiday, null); // the due date comes from the exchange service's calendar

        Response reported = post("hrss-steward", id, report("320505199001011233"));
        reported.then().statusCode(201).body("status", equalTo("OPEN")).body("reporterDepartment", equalTo("hrss"))
                .body("ownerDepartment", equalTo("civil-affairs")).body("dueDate", equalTo(due(today, holiday).toString()))
                .body("overdue", equalTo(false)).body("answer", nullValue());
        String correction = reported.path("id");

        given().auth().oauth2(Tokens.of("civil-affairs-cdo")).get("/api/catalog/corrections").then().body("id", hasItem(correction));
        given().auth().oauth2(Tokens.of("hrss-cdo")).get("/api/catalog/corrections/" + correction).then().statusCode(200)
                .body("recordKey.resident_id", equalTo("320505199001011233"));
        given().auth().oauth2(Tokens.of("transport-steward")).get("/api/catalog/corrections/" + correction).then().statusCode(404);
        given().auth().oauth2(Tokens.of("transport-steward")).get("/api/catalog/corrections").then().body("id", not(hasItem(correction)));
        given().auth().oauth2(Tokens.of("hrss-steward")).get("/api/catalog/datasets/" + id).then()
                .body("quality.corrections.open", equalTo(1)).body("quality.completeness", nullValue());

        // only the provider answers; a rejection states its reason; once
        given().auth().oauth2(Tokens.of("hrss-cdo")).contentType("application/json").body(Map.of("outcome", "ACCEPTED"))
                .post("/api/catalog/corrections/" + correction + "/answer").then().statusCode(403);
        given().auth().oauth2(Tokens.of("civil-affairs-steward")).contentType("application/json").body(Map.of("outcome", "REJECTED"))
                .post("/api/catalog/corrections/" + correction + "/answer").then().statusCode(400).body("errors.field", hasItem("reason"));
        given().auth().oauth2(Tokens.of("civil-affairs-steward")).contentType("application/json")
                .body(Map.of("outcome", "REJECTED", "reason", "经核对原始登记材料，登记值无误"))
                .post("/api/catalog/corrections/" + correction + "/answer").then().statusCode(200)
                .body("status", equalTo("REJECTED")).body("answer.reason", equalTo("经核对原始登记材料，登记值无误"))
                .body("answer.onTime", equalTo(true)).body("answer.answeredBy", equalTo("civil-affairs-steward"));
        given().auth().oauth2(Tokens.of("civil-affairs-cdo")).contentType("application/json").body(Map.of("outcome", "ACCEPTED"))
                .post("/api/catalog/corrections/" + correction + "/answer").then().statusCode(409)
                .body("type", equalTo("https://govdx.org/problems/already-answered"));
        given().auth().oauth2(Tokens.of("hrss-steward")).queryParam("datasetId", id).queryParam("status", "REJECTED").get("/api/catalog/corrections")
                .then().body("id", equalTo(java.util.List.of(correction)));

        String second = post("health-cdo", id, report("320505199001011234")).then().statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.of("civil-affairs-cdo")).contentType("application/json").body(Map.of("outcome", "ACCEPTED", "reason", "已更正"))
                .post("/api/catalog/corrections/" + second + "/answer").then().statusCode(200).body("status", equalTo("ACCEPTED"));
        given().auth().oauth2(Tokens.of("transport-steward")).get("/api/catalog/datasets/" + id).then()
                .body("quality.corrections.open", equalTo(0)).body("quality.corrections.accepted", equalTo(1))
                .body("quality.corrections.rejected", equalTo(1));

        // the audit events carry names, never the values
        assertThat(Catalog.events(pool, "correction.reported", id, false)).isEqualTo(2);
        assertThat(Catalog.count(pool, "select count(*) from outbox_event where action like 'correction.%' and (payload like '%13812345678%' "
                + "or payload like '%320505199001011233%')")).isZero();
    }

    @Test
    void badReportsAreRefused() {
        String id = Catalog.publish(Catalog.demo("MCA-RESIDENTS"), "civil-affairs-steward", "civil-affairs-cdo");
        post("civil-affairs-steward", id, report("320505199001011233")).then().statusCode(403)
                .body("type", equalTo("https://govdx.org/problems/own-dataset"));
        post("auditor", id, report("320505199001011233")).then().statusCode(403);
        post("hrss-steward", id, Map.of("recordKey", Map.of("resident_id", "1"), "field", "colour", "proposedValue", "x", "evidence", "y"))
                .then().statusCode(422).body("errors.field", hasItem("field"));
        post("hrss-steward", id, Map.of("recordKey", Map.of("name", "张三"), "field", "mobile", "proposedValue", "x", "evidence", "y"))
                .then().statusCode(422).body("errors.field", hasItem("recordKey"));
        post("hrss-steward", id, Map.of("recordKey", Map.of("resident_id", "1"), "field", "mobile", "proposedValue", "x"))
                .then().statusCode(400).body("errors.field", hasItem("evidence"));
        post("hrss-steward", id, Map.of("recordKey", Map.of("resident_id", "1"), "field", "mobile", "proposedValue", "x", "evidence", "e".repeat(4001)))
                .then().statusCode(400).body("errors.field", hasItem("evidence"));
        assertThat(Catalog.count(pool, "select count(*) from correction where dataset_id = $1", java.util.UUID.fromString(id))).isZero();
        assertThat(Catalog.events(pool, "correction.reported", id, true)).isEqualTo(4); // own dataset, auditor, unknown field, wrong key

        String draft = Catalog.create("civil-affairs-steward", Catalog.demo("MCA-RESIDENTS")).then().statusCode(201).extract().path("id");
        post("hrss-steward", draft, report("320505199001011233")).then().statusCode(404);
    }

    @Test
    void withoutTheWorkingDayCalendarAReportIsRefusedWith503() {
        String id = Catalog.publish(Catalog.demo("MOT-TRAFFIC-COUNTS"), "transport-steward", "transport-cdo");
        Catalog.stub(exchange, "PUT", "/_stub/calendar-down/true", null);
        try {
            post("hrss-steward", id, Map.of("recordKey", Map.of("station_id", "S1", "date", "2025-03-03", "hour", "8", "direction", "N"),
                    "field", "vehicle_count", "proposedValue", "120", "evidence", "人工计数")).then().statusCode(503)
                    .body("type", equalTo("https://govdx.org/problems/exchange-unavailable"));
        } finally {
            Catalog.stub(exchange, "PUT", "/_stub/calendar-down/false", null);
        }
        assertThat(Catalog.count(pool, "select count(*) from correction where dataset_id = $1", java.util.UUID.fromString(id))).isZero();
    }
}
