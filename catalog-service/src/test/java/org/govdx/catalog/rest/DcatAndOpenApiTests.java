package org.govdx.catalog.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.govdx.catalog.support.Catalog;
import org.govdx.testsupport.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Standards outward: the DCAT (JSON-LD) export, and an OpenAPI document with examples for every operation. */
@QuarkusTest
class DcatAndOpenApiTests {

    @BeforeEach
    void basics() {
        Catalog.ensureBasics();
    }

    @Test
    void theCatalogExportsAsDcatJsonLdPageByPage() throws Exception {
        Map<String, Object> body = Catalog.demo("MCA-RESIDENTS");
        String id = Catalog.publish(body, "civil-affairs-steward", "civil-affairs-cdo");
        String draft = Catalog.create("civil-affairs-steward", Catalog.demo("MCA-RESIDENTS")).then().statusCode(201).extract().path("id");

        JsonNode dataset = null;
        List<String> ids = new ArrayList<>();
        String next = "/api/catalog/dcat?limit=2";
        int pages = 0;
        while (next != null && pages < 200) {
            Response response = given().auth().oauth2(Tokens.of("hrss-steward")).get(next);
            response.then().statusCode(200).contentType("application/ld+json");
            JsonNode page = new ObjectMapper().readTree(response.asString());
            assertThat(page.get("@type").asText()).isEqualTo("dcat:Catalog");
            assertThat(page.get("@context").get("dcat").asText()).isEqualTo("http://www.w3.org/ns/dcat#");
            for (JsonNode d : page.get("dcat:dataset")) {
                ids.add(d.get("@id").asText());
                if (d.get("@id").asText().endsWith(id)) {
                    dataset = d;
                }
            }
            JsonNode hydraNext = page.get("hydra:view").get("hydra:next");
            next = hydraNext == null ? null : hydraNext.get("@id").asText().replaceFirst("^https?://[^/]+", "");
            pages++;
        }
        assertThat(ids).anyMatch(i -> i.endsWith(id)).noneMatch(i -> i.endsWith(draft));
        assertThat(dataset).isNotNull();
        assertThat(dataset.get("@type").asText()).isEqualTo("dcat:Dataset");
        assertThat(dataset.get("dct:identifier").asText()).isEqualTo(body.get("code"));
        assertThat(dataset.get("dct:title").findValuesAsText("@language")).containsExactly("zh", "en");
        assertThat(dataset.get("dct:title").get(0).get("@value").asText()).isEqualTo("居民户籍登记信息");
        assertThat(dataset.get("dct:publisher").get("dct:identifier").asText()).isEqualTo("civil-affairs");
        assertThat(dataset.get("dcat:keyword").findValuesAsText("@value")).contains("户籍", "household register");
        assertThat(dataset.get("dct:accrualPeriodicity").get("@id").asText()).endsWith("/frequency/DAILY");
        assertThat(dataset.get("dct:accessRights").get("@id").asText()).endsWith("/access-right/RESTRICTED");
        assertThat(dataset.get("dcat:distribution").get(0).get("@type").asText()).isEqualTo("dcat:Distribution");
        assertThat(dataset.get("dcat:distribution").get(0).get("dcat:accessURL").get("@id").asText()).endsWith(id);
    }

    @Test
    void everyCatalogOperationHasASummaryAndExamples() throws Exception {
        String json = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        JsonNode paths = new ObjectMapper().readTree(json).get("paths");
        List<String> missing = new ArrayList<>();
        int operations = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            if (!path.getKey().startsWith("/api/catalog/") || path.getKey().startsWith("/api/catalog/departments")) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!List.of("get", "put", "post", "delete", "patch").contains(op.getKey())) {
                    continue;
                }
                operations++;
                String name = op.getKey().toUpperCase() + " " + path.getKey();
                JsonNode operation = op.getValue();
                if (operation.path("summary").asText().isBlank()) {
                    missing.add(name + ": summary");
                }
                boolean successExample = false;
                boolean errorExample = false;
                for (Iterator<Map.Entry<String, JsonNode>> rs = operation.path("responses").fields(); rs.hasNext(); ) {
                    Map.Entry<String, JsonNode> r = rs.next();
                    boolean hasExample = r.getValue().path("content").toString().contains("\"examples\"");
                    if (r.getKey().startsWith("2") && hasExample) {
                        successExample = true;
                    }
                    if (r.getKey().startsWith("4") && hasExample) {
                        errorExample = true;
                    }
                }
                if (!successExample) {
                    missing.add(name + ": 2xx example");
                }
                if (!errorExample) {
                    missing.add(name + ": 4xx problem example");
                }
                if (operation.has("requestBody") && !operation.get("requestBody").toString().contains("\"examples\"")) {
                    missing.add(name + ": request example");
                }
            }
        }
        assertThat(operations).isGreaterThanOrEqualTo(20);
        assertThat(missing).isEmpty();
    }
}
