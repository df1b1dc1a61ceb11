package org.govdx.exchange.rest;

import io.quarkus.test.junit.QuarkusTest;
import org.govdx.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class CalendarResourceTests {

    @Test
    void theSeededYearKnowsTheGoldenWeekAndItsMakeUpDays() {
        given().auth().oauth2(Tokens.of("health-steward")).when().get("/api/exchange/calendar/2026")
                .then().statusCode(200)
                .body("findAll { it.kind == 'HOLIDAY' }.day", hasItems("2026-10-01", "2026-10-07", "2026-02-15", "2026-01-01"))
                .body("findAll { it.kind == 'WORKDAY' }.day", hasItems("2026-09-20", "2026-10-10", "2026-02-28"));
    }

    @Test
    void dueDatesSkipHolidaysAndCountMakeUpDays() {
        given().auth().oauth2(Tokens.of("health-cdo")).queryParam("start", "2026-09-30").queryParam("workingDays", 5)
                .when().get("/api/exchange/calendar/due").then().statusCode(200).body("due", equalTo("2026-10-13"));
    }

    @Test
    void onlyThePlatformAdminEditsTheCalendar() {
        given().auth().oauth2(Tokens.of("health-cdo")).contentType("application/json").body(Map.of("kind", "HOLIDAY", "name", "x"))
                .when().put("/api/exchange/calendar/days/2026-12-24").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(Tokens.of("health-steward")).when().get("/api/exchange/calendar/2026")
                .then().body("day", not(hasItem("2026-12-24")));

        String admin = Tokens.of("platform-admin");
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("kind", "HOLIDAY", "name", "地方假日 local holiday"))
                .when().put("/api/exchange/calendar/days/2026-12-24").then().statusCode(200).body("kind", equalTo("HOLIDAY"));
        given().auth().oauth2(admin).queryParam("start", "2026-12-23").queryParam("workingDays", 1)
                .when().get("/api/exchange/calendar/due").then().body("due", equalTo("2026-12-25"));
        given().auth().oauth2(admin).when().delete("/api/exchange/calendar/days/2026-12-24").then().statusCode(204);
        given().auth().oauth2(admin).when().delete("/api/exchange/calendar/days/2026-12-24").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void badDatesAndKindsAreClear400s() {
        String admin = Tokens.of("platform-admin");
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("kind", "HOLIDAY", "name", "x"))
                .when().put("/api/exchange/calendar/days/2026-02-30").then().statusCode(400).body("errors[0].field", equalTo("day"));
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("kind", "SOMETIMES", "name", "x"))
                .when().put("/api/exchange/calendar/days/2026-12-01").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(admin).queryParam("start", "2026-09-30").queryParam("workingDays", -1)
                .when().get("/api/exchange/calendar/due").then().statusCode(400);
        given().auth().oauth2(admin).when().get("/api/exchange/calendar/due").then().statusCode(400).body("errors[0].field", equalTo("start"));
    }
}
