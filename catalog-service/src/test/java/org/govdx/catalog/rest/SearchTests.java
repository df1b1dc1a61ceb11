package org.govdx.catalog.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.govdx.catalog.support.Catalog;
import org.govdx.testsupport.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Search for everyone: Chinese and English text, filters, facets, sorts, cursors, drafts only for their owner. */
@QuarkusTest
class SearchTests {

    @Inject
    Pool pool;

    @BeforeEach
    void basics() {
        Catalog.ensureBasics();
    }

    private static Response search(String user, Map<String, ?> params) {
        return given().auth().oauth2(Tokens.of(user)).queryParams(params).get("/api/catalog/datasets");
    }

    @Test
    void anotherDepartmentFindsAPublishedDatasetByAChineseOrEnglishWordAndSeesItsClassAndQuality() {
        String han = Catalog.uniqueHanWord();
        String word = Catalog.uniqueWord();
        String fieldHan = Catalog.uniqueHanWord();
        Map<String, Object> body = Catalog.demo("MCA-RESIDENTS");
        body.put("titleZh", "居民" + han + "登记信息");
        body.put("description", "Household register of the " + word + " district.");
        Catalog.fields(body).get(7).put("titleZh", "户籍地址" + fieldHan);
        String id = Catalog.publish(body, "civil-affairs-steward", "civil-affairs-cdo");

        search("hrss-steward", Map.of("q", han)).then().statusCode(200)
                .body("items.id", equalTo(List.of(id))).body("items[0].classification", equalTo("RESTRICTED"))
                .body("items[0].ownerDepartment", equalTo("civil-affairs")).body("items[0].quality", nullValue())
                .body("items[0].score", notNullValue()).body("total", equalTo(1));
        search("transport-steward", Map.of("q", word.toUpperCase())).then().body("items.id", equalTo(List.of(id)));
        search("auditor", Map.of("q", fieldHan)).then().body("items.id", equalTo(List.of(id)));
        search("hrss-steward", Map.of("q", han + " " + word)).then().body("items.id", equalTo(List.of(id)));
        search("hrss-steward", Map.of("q", han + " " + Catalog.uniqueWord())).then().body("items", org.hamcrest.Matchers.empty());

        given().auth().oauth2(Tokens.ofService()).contentType("application/json")
                .body(Map.of("completeness", 0.97, "validity", 0.99, "uniqueness", 1.0, "rowCount", 1500, "measuredAt", java.time.OffsetDateTime.now().toString()))
                .put("/api/catalog/datasets/" + id + "/versions/1/quality").then().statusCode(200);
        search("hrss-steward", Map.of("q", han)).then().body("items[0].quality.completeness", equalTo(0.97f))
                .body("items[0].quality.timeliness", equalTo(1.0f)).body("items[0].quality.rowCount", equalTo(1500));
    }

    @Test
    void draftsAreOnlyVisibleToTheirOwnerThroughMine() {
        String han = Catalog.uniqueHanWord();
        Map<String, Object> body = Catalog.demo("NHC-VACCINATIONS");
        body.put("titleZh", "预防接种" + han);
        String id = Catalog.create("health-steward", body).then().statusCode(201).extract().path("id");

        search("hrss-steward", Map.of("q", han)).then().body("items", org.hamcrest.Matchers.empty());
        search("health-steward", Map.of("q", han)).then().body("items", org.hamcrest.Matchers.empty());
        search("health-cdo", Map.of("q", han, "mine", "true")).then().statusCode(200).body("items.id", equalTo(List.of(id)))
                .body("items[0].status", equalTo("DRAFT")).body("facets.status[0].value", equalTo("DRAFT"));
        search("health-steward", Map.of("mine", "true", "status", "SUBMITTED", "q", han)).then().body("items", org.hamcrest.Matchers.empty());
        search("hrss-steward", Map.of("q", han, "mine", "true")).then().body("items", org.hamcrest.Matchers.empty());
        search("auditor", Map.of("mine", "true")).then().statusCode(403);
        search("hrss-steward", Map.of("status", "DRAFT")).then().statusCode(400).body("errors.field", hasItem("status"));

        // FORBIDDEN datasets are listed for everyone once published (metadata only)
        given().auth().oauth2(Tokens.of("health-steward")).post("/api/catalog/datasets/" + id + "/submit").then().statusCode(200);
        given().auth().oauth2(Tokens.of("health-cdo")).post("/api/catalog/datasets/" + id + "/publish").then().statusCode(200);
        search("hrss-steward", Map.of("q", han)).then().body("items.id", equalTo(List.of(id)))
                .body("items[0].classification", equalTo("FORBIDDEN"));
    }

    @Test
    void filtersFacetsAndSortsWork() {
        String word = Catalog.uniqueWord();
        List<String> ids = new ArrayList<>();
        String[][] sets = {{"MCA-RESIDENTS", "civil-affairs"}, {"SAMR-BUSINESS-LICENCES", "market-regulation"},
                {"SAMR-FOOD-SAFETY-INSPECTIONS", "market-regulation"}, {"MOT-TRAFFIC-COUNTS", "transport"}};
        for (int i = 0; i < sets.length; i++) {
            Map<String, Object> body = Catalog.demo(sets[i][0]);
            body.put("description", body.get("description") + " " + word);
            body.put("titleEn", (char) ('D' - i) + " " + body.get("titleEn"));
            if (i == 3) {
                body.put("titleEn", body.get("titleEn") + " " + word); // the only one with the word in its title
            }
            ids.add(Catalog.publish(body, sets[i][1] + "-steward", sets[i][1] + "-cdo"));
        }
        Response all = search("hrss-steward", Map.of("q", word));
        all.then().statusCode(200).body("total", equalTo(4)).body("items[0].id", equalTo(ids.get(3))); // title match ranks first
        assertThat(all.jsonPath().getList("facets.department.value")).containsExactly("market-regulation", "civil-affairs", "transport");
        assertThat(all.jsonPath().getList("facets.department.count")).containsExactly(2, 1, 1);
        assertThat(all.jsonPath().getList("facets.classification.value")).containsExactlyInAnyOrder("OPEN", "RESTRICTED");

        Response filtered = search("hrss-steward", Map.of("q", word, "department", "market-regulation", "classification", "OPEN"));
        filtered.then().body("items.id", equalTo(List.of(ids.get(2)))).body("total", equalTo(1));
        // a facet counts under the other filters only: other departments' OPEN datasets still show in the department facet
        assertThat(filtered.jsonPath().getList("facets.department.value")).containsExactly("market-regulation", "transport");
        assertThat(filtered.jsonPath().getList("facets.classification.value")).containsExactly("OPEN", "RESTRICTED");

        search("hrss-steward", Map.of("q", word, "category", "transport")).then().body("items.id", equalTo(List.of(ids.get(3))));
        search("hrss-steward", Map.of("q", word, "updateFrequency", "WEEKLY")).then().body("items.id", equalTo(List.of(ids.get(2))));
        search("hrss-steward", Map.of("q", word, "dataElement", "DE0001")).then().body("items.id", hasItem(ids.get(0)))
                .body("items.id", hasItem(ids.get(1))).body("total", equalTo(2));
        search("hrss-steward", Map.of("q", word, "sort", "title")).then().body("items.id", equalTo(List.of(ids.get(3), ids.get(2), ids.get(1), ids.get(0))))
                .body("items[0].score", nullValue());
        search("hrss-steward", Map.of("q", word, "sort", "updated")).then().body("items.id", equalTo(List.of(ids.get(3), ids.get(2), ids.get(1), ids.get(0))));
        search("hrss-steward", Map.of("q", word, "facets", "false")).then().body("facets", nullValue()).body("total", nullValue());
    }

    @Test
    void cursorsWalkEveryMatchOnceAndBelongToTheirQuery() {
        String word = Catalog.uniqueWord();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            Map<String, Object> body = Catalog.demo("MOT-TRAFFIC-COUNTS");
            body.put("keywords", List.of(word, "traffic"));
            ids.add(Catalog.publish(body, "transport-steward", "transport-cdo"));
        }
        for (String sort : List.of("relevance", "title", "updated")) {
            Set<String> seen = new HashSet<>();
            String cursor = null;
            int pages = 0;
            do {
                var request = given().auth().oauth2(Tokens.of("health-steward")).queryParam("q", word).queryParam("sort", sort).queryParam("limit", 2);
                if (cursor != null) {
                    request = request.queryParam("cursor", cursor);
                }
                Response page = request.get("/api/catalog/datasets");
                page.then().statusCode(200);
                for (String id : page.jsonPath().<String>getList("items.id")) {
                    assertThat(seen.add(id)).as(sort + ": no dataset twice").isTrue();
                }
                cursor = page.path("nextCursor");
                if (cursor != null) {
                    assertThat(page.header("Link")).contains("rel=\"next\"");
                    page.then().body("facets", pages == 0 ? notNullValue() : nullValue());
                }
                pages++;
            } while (cursor != null && pages < 10);
            assertThat(seen).as(sort).isEqualTo(ids);
            assertThat(pages).isEqualTo(3);
        }
        String cursor = search("health-steward", Map.of("q", word, "limit", "2")).path("nextCursor");
        search("health-steward", Map.of("q", word + "x", "limit", "2", "cursor", cursor)).then().statusCode(400).body("errors.field", hasItem("cursor"));
        search("health-steward", Map.of("q", word, "cursor", "not-a-cursor")).then().statusCode(400).body("errors.field", hasItem("cursor"));
    }

    @Test
    void badParametersAreClear400s() {
        search("health-steward", Map.of("classification", "SECRET")).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("classification"));
        search("health-steward", Map.of("sort", "colour")).then().statusCode(400).body("errors.field", hasItem("sort"));
        search("health-steward", Map.of("limit", "0")).then().statusCode(400).body("errors.field", hasItem("limit"));
        search("health-steward", Map.of("limit", "101")).then().statusCode(400);
        search("health-steward", Map.of("q", "x".repeat(201))).then().statusCode(400).body("errors.field", hasItem("q"));
        search("health-steward", Map.of("q", "100% _x_ \\")).then().statusCode(200).body("items", not(hasItem(nullValue())));
        given().get("/api/catalog/datasets").then().statusCode(401);
        // without text: newest first
        search("health-steward", Map.of("limit", "3")).then().statusCode(200).body("items.size()", org.hamcrest.Matchers.lessThanOrEqualTo(3));
    }
}
