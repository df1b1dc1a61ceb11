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

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * Retirements and breaking versions reach the consumer departments (from the exchange service) as notices
 * before they take effect; without the exchange service nothing happens (503).
 */
@QuarkusTest
class NoticeAndRetirementTests {

    @Inject
    Pool pool;

    @ConfigProperty(name = "govdx.exchange.url")
    String exchange;

    @BeforeEach
    void basics() {
        Catalog.ensureBasics();
    }

    private Response retire(String user, String id, String reason, boolean emergency) {
        return given().auth().oauth2(Tokens.of(user)).contentType("application/json").body(Map.of("reason", reason, "emergency", emergency))
                .post("/api/catalog/datasets/" + id + "/retire");
    }

    /** Makes the dataset's pending change due now, as if the notice period were over. */
    private void noticePeriodOver(String id) {
        Catalog.exec(pool, "update dataset set pending_effective_at = case when pending_effective_at is null then null else now() - interval '1 second' end, "
                + "retire_effective_at = case when retire_effective_at is null then null else now() - interval '1 second' end where id = $1", UUID.fromString(id));
    }

    @Test
    void aRetirementIsAnnouncedToConsumersAndTakesEffectAfterTheNoticePeriod() {
        String word = Catalog.uniqueWord();
        Map<String, Object> body = Catalog.demo("SAMR-BUSINESS-LICENCES");
        body.put("titleEn", "Business licence register " + word);
        String id = Catalog.publish(body, "market-regulation-steward", "market-regulation-cdo");
        Catalog.consumers(exchange, id, "hrss", "civil-affairs");

        Response retiring = retire("market-regulation-cdo", id, "由新登记系统替代", false);
        retiring.then().statusCode(200).body("status", equalTo("PUBLISHED")).body("retirement.effectiveAt", notNullValue())
                .body("retirement.retiredAt", nullValue()).body("retirement.reason", equalTo("由新登记系统替代"));
        OffsetDateTime effective = OffsetDateTime.parse(retiring.path("retirement.effectiveAt"));
        assertThat(Duration.between(OffsetDateTime.now(), effective).toHours()).isBetween(167L, 168L); // P7D
        String noticeId = retiring.path("retirement.noticeId");

        // the consumers read it; each sees its own addressee entry only; a third department does not see it
        given().auth().oauth2(Tokens.of("hrss-steward")).get("/api/catalog/notices").then().statusCode(200)
                .body("id", hasItem(noticeId));
        given().auth().oauth2(Tokens.of("hrss-cdo")).get("/api/catalog/notices/" + noticeId).then().statusCode(200)
                .body("kind", equalTo("RETIREMENT")).body("datasetId", equalTo(id)).body("fromVersion", equalTo(1))
                .body("recipients.department", equalTo(List.of("hrss"))).body("reason", equalTo("由新登记系统替代"));
        given().auth().oauth2(Tokens.of("market-regulation-steward")).get("/api/catalog/notices/" + noticeId).then().statusCode(200)
                .body("recipients.department", equalTo(List.of("hrss", "civil-affairs")));
        given().auth().oauth2(Tokens.of("transport-steward")).get("/api/catalog/notices/" + noticeId).then().statusCode(404);
        given().auth().oauth2(Tokens.of("transport-steward")).get("/api/catalog/notices").then().statusCode(200)
                .body("id", not(hasItem(noticeId)));
        given().auth().oauth2(Tokens.of("auditor")).get("/api/catalog/notices/" + noticeId).then().statusCode(200);

        // until it takes effect the dataset stays published and searchable; a second retirement is refused
        given().auth().oauth2(Tokens.of("hrss-steward")).queryParam("q", word).get("/api/catalog/datasets").then().body("items.id", hasItem(id));
        retire("market-regulation-cdo", id, "again", false).then().statusCode(409).body("type", equalTo("https://govdx.org/problems/retirement-pending"));

        noticePeriodOver(id);
        Catalog.eventually(Duration.ofSeconds(15), () -> given().auth().oauth2(Tokens.of("hrss-steward")).get("/api/catalog/datasets/" + id)
                .then().body("status", equalTo("RETIRED")).body("retirement.retiredAt", notNullValue()));
        given().auth().oauth2(Tokens.of("hrss-steward")).get("/api/catalog/datasets/" + id + "/versions/1").then().statusCode(200)
                .body("status", equalTo("RETIRED"));
        given().auth().oauth2(Tokens.of("hrss-steward")).queryParam("q", word).get("/api/catalog/datasets").then().body("items.id", not(hasItem(id)));
        assertThat(Catalog.events(pool, "dataset.retirement-scheduled", id, false)).isEqualTo(1);
        assertThat(Catalog.allowed(pool, "dataset.retired", id)).isEqualTo(1);
        assertThat(Catalog.events(pool, "dataset.retired", id, true)).isEqualTo(1); // the refused second retirement
        assertThat(Catalog.events(pool, "dataset.notice-issued", id, false)).isEqualTo(1);
    }

    @Test
    void anEmergencyRetirementTakesEffectAtOnceWithANoticeAndNeedsAReason() {
        String id = Catalog.publish(Catalog.demo("SAMR-FOOD-SAFETY-INSPECTIONS"), "market-regulation-steward", "market-regulation-cdo");
        Catalog.consumers(exchange, id, "health");
        given().auth().oauth2(Tokens.of("market-regulation-cdo")).contentType("application/json").body(Map.of("emergency", true))
                .post("/api/catalog/datasets/" + id + "/retire").then().statusCode(400).body("errors.field", hasItem("reason"));
        retire("market-regulation-cdo", id, "数据泄露风险，立即停止共享", true).then().statusCode(200)
                .body("status", equalTo("RETIRED")).body("retirement.noticeId", notNullValue());
        given().auth().oauth2(Tokens.of("health-steward")).get("/api/catalog/notices").then()
                .body("find { it.datasetId == '" + id + "' }.emergency", equalTo(true));
    }

    @Test
    void withoutConsumersARetirementTakesEffectAtOnce() {
        String id = Catalog.publish(Catalog.demo("MOT-TRAFFIC-COUNTS"), "transport-steward", "transport-cdo");
        retire("transport-cdo", id, "停止监测", false).then().statusCode(200).body("status", equalTo("RETIRED"))
                .body("retirement.noticeId", nullValue());
        assertThat(Catalog.count(pool, "select count(*) from notice where dataset_id = $1", UUID.fromString(id))).isZero();
    }

    @Test
    void whenTheExchangeServiceCannotAnswerTheRetirementIsRefusedWith503AndNothingChanges() {
        String id = Catalog.publish(Catalog.demo("MOT-TRAFFIC-COUNTS"), "transport-steward", "transport-cdo");
        String etag = Catalog.etag("transport-cdo", id);
        Catalog.stub(exchange, "PUT", "/_stub/down/" + id, null);
        retire("transport-cdo", id, "停止监测", false).then().statusCode(503).contentType("application/problem+json")
                .body("type", equalTo("https://govdx.org/problems/exchange-unavailable"));
        given().auth().oauth2(Tokens.of("transport-cdo")).get("/api/catalog/datasets/" + id).then()
                .body("status", equalTo("PUBLISHED")).body("retirement", nullValue()).header("ETag", equalTo(etag));
        assertThat(Catalog.count(pool, "select count(*) from notice where dataset_id = $1", UUID.fromString(id))).isZero();
        assertThat(Catalog.events(pool, "dataset.retired", id, false)).isZero();
        assertThat(Catalog.count(pool, "select count(*) from outbox_event where payload like $1", "%" + id + "%"))
                .isEqualTo(Catalog.events(pool, "dataset.drafted", id, false) + Catalog.events(pool, "dataset.submitted", id, false)
                        + Catalog.events(pool, "dataset.published", id, false));

        Catalog.stub(exchange, "DELETE", "/_stub/down/" + id, null);
        retire("transport-cdo", id, "停止监测", false).then().statusCode(200).body("status", equalTo("RETIRED"));
        assertThat(given().baseUri(exchange).get("/_stub/calls/" + id).asString()).isEqualTo("2"); // asked both times, with the service token
    }

    @Test
    void aVersionThatDropsOrReclassesFieldsIsAnnouncedAndTakesEffectLater() {
        Map<String, Object> body = Catalog.demo("MCA-RESIDENTS");
        String id = Catalog.publish(body, "civil-affairs-steward", "civil-affairs-cdo");
        Catalog.consumers(exchange, id, "hrss");

        given().auth().oauth2(Tokens.of("civil-affairs-steward")).post("/api/catalog/datasets/" + id + "/versions").then().statusCode(201);
        List<Map<String, Object>> fields = Catalog.fields(body);
        fields.removeIf(f -> f.get("name").equals("marital_status"));                  // dropped
        fields.stream().filter(f -> f.get("name").equals("sex")).forEach(f -> {          // re-classed
            f.put("fieldClass", "RESTRICTED");
            f.put("defaultMasking", "redact");
        });
        given().auth().oauth2(Tokens.of("civil-affairs-steward")).contentType("application/json")
                .header("If-Match", Catalog.etag("civil-affairs-steward", id)).body(body)
                .put("/api/catalog/datasets/" + id + "/draft").then().statusCode(200);
        given().auth().oauth2(Tokens.of("civil-affairs-cdo")).post("/api/catalog/datasets/" + id + "/submit").then().statusCode(200);
        // the CDO who submitted cannot publish; the second CDO can, and the change waits for the notice period
        given().auth().oauth2(Tokens.of("civil-affairs-cdo")).post("/api/catalog/datasets/" + id + "/publish").then().statusCode(403);
        given().auth().oauth2(Tokens.of("civil-affairs-cdo2")).post("/api/catalog/datasets/" + id + "/publish").then().statusCode(200)
                .body("currentVersion", equalTo(1)).body("pendingVersion.version", equalTo(2)).body("pendingVersion.status", equalTo("SCHEDULED"));

        Response notices = given().auth().oauth2(Tokens.of("hrss-steward")).get("/api/catalog/notices");
        Map<String, Object> notice = notices.jsonPath().getMap("find { it.datasetId == '" + id + "' }");
        assertThat(notice.get("kind")).isEqualTo("BREAKING_VERSION");
        assertThat(notice.get("fromVersion")).isEqualTo(1);
        assertThat(notice.get("toVersion")).isEqualTo(2);
        assertThat(notices.jsonPath().getList("find { it.datasetId == '" + id + "' }.changes.droppedFields")).containsExactly("marital_status");
        assertThat(notices.jsonPath().getList("find { it.datasetId == '" + id + "' }.changes.reclassedFields")).containsExactly("sex");

        // consumers keep seeing version 1 and can read version 2 ahead of time
        given().auth().oauth2(Tokens.of("hrss-steward")).get("/api/catalog/datasets/" + id).then().body("version", equalTo(1))
                .body("fields.name", hasItem("marital_status"));
        given().auth().oauth2(Tokens.of("hrss-steward")).get("/api/catalog/datasets/" + id + "/versions/2").then().statusCode(200)
                .body("status", equalTo("SCHEDULED")).body("changes.breaking", equalTo(true));
        given().auth().oauth2(Tokens.of("civil-affairs-cdo")).contentType("application/json").body(Map.of("reason", "x"))
                .post("/api/catalog/datasets/" + id + "/retire").then().statusCode(409).body("type", equalTo("https://govdx.org/problems/version-pending"));

        noticePeriodOver(id);
        Catalog.eventually(Duration.ofSeconds(15), () -> given().auth().oauth2(Tokens.of("hrss-steward")).get("/api/catalog/datasets/" + id)
                .then().body("currentVersion", equalTo(2)).body("pendingVersion", nullValue()));
        given().auth().oauth2(Tokens.of("hrss-steward")).get("/api/catalog/datasets/" + id + "/versions/1").then().statusCode(200)
                .body("status", equalTo("SUPERSEDED")).body("fields.name", hasItem("marital_status"));
        assertThat(Catalog.events(pool, "dataset.publication-scheduled", id, false)).isEqualTo(1);
        assertThat(Catalog.events(pool, "dataset.version-effective", id, false)).isEqualTo(1);
    }

    @Test
    void anEmergencyBreakingVersionTakesEffectAtOnceAndWithoutTheExchangeNothingIsPublished() {
        Map<String, Object> body = Catalog.demo("HRSS-SOCIAL-INSURANCE-PAYMENTS");
        String id = Catalog.publish(body, "hrss-steward", "hrss-cdo");
        given().auth().oauth2(Tokens.of("hrss-steward")).post("/api/catalog/datasets/" + id + "/versions").then().statusCode(201);
        Catalog.fields(body).removeIf(f -> f.get("name").equals("employee_amount"));
        given().auth().oauth2(Tokens.of("hrss-steward")).contentType("application/json").header("If-Match", Catalog.etag("hrss-steward", id))
                .body(body).put("/api/catalog/datasets/" + id + "/draft").then().statusCode(200);
        given().auth().oauth2(Tokens.of("hrss-steward")).post("/api/catalog/datasets/" + id + "/submit").then().statusCode(200);

        Catalog.stub(exchange, "PUT", "/_stub/down/" + id, null);
        given().auth().oauth2(Tokens.of("hrss-cdo")).post("/api/catalog/datasets/" + id + "/publish").then().statusCode(503);
        given().auth().oauth2(Tokens.of("hrss-cdo")).get("/api/catalog/datasets/" + id).then().body("currentVersion", equalTo(1))
                .body("latestStatus", equalTo("SUBMITTED"));
        Catalog.stub(exchange, "DELETE", "/_stub/down/" + id, null);

        Catalog.consumers(exchange, id, "civil-affairs");
        given().auth().oauth2(Tokens.of("hrss-cdo")).contentType("application/json").body(Map.of("emergency", true))
                .post("/api/catalog/datasets/" + id + "/publish").then().statusCode(400).body("errors.field", hasItem("reason"));
        given().auth().oauth2(Tokens.of("hrss-cdo")).contentType("application/json").body(Map.of("emergency", true, "reason", "个人缴费额不得再共享"))
                .post("/api/catalog/datasets/" + id + "/publish").then().statusCode(200).body("currentVersion", equalTo(2));
        Response notices = given().auth().oauth2(Tokens.of("civil-affairs-steward")).get("/api/catalog/notices");
        assertThat(notices.jsonPath().getBoolean("find { it.datasetId == '" + id + "' }.emergency")).isTrue();
        OffsetDateTime effective = OffsetDateTime.parse(notices.jsonPath().getString("find { it.datasetId == '" + id + "' }.effectiveAt"));
        assertThat(effective).isCloseTo(OffsetDateTime.now(), within(Duration.ofMinutes(1)));
    }
}
