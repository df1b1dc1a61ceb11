package org.govdx.audit.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.govdx.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Every audit query is itself logged, through the same sequencer: audit.queried, ALLOWED with its filters, or DENIED. */
@QuarkusTest
class QueryLoggingTests {

    @Inject
    Pool pool;

    /** The audit.queried entries whose text contains {@code marker}, as (outcome, actor username, owner department, entry). */
    List<Row> queried(String marker) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery("select outcome, actor_username, actor_department, owner_department, entry from log_entry "
                        + "where action = 'audit.queried' and entry like $1 order by idx")
                .execute(Tuple.of("%" + marker + "%")).await().indefinitely().forEach(rows::add);
        return rows;
    }

    @Test
    void anAuditorsSearchIsLoggedWithItsFiltersBeforeItRuns() {
        String dataset = "ds-" + UUID.randomUUID();
        var page = given().auth().oauth2(Tokens.of("auditor")).queryParam("dataset", dataset).queryParam("outcome", "DENIED")
                .when().get("/api/audit/entries").then().statusCode(200).extract().jsonPath();
        List<Row> rows = queried(dataset);
        assertThat(rows).hasSize(1);
        Row row = rows.get(0);
        assertThat(row.getString("outcome")).isEqualTo("ALLOWED");
        assertThat(row.getString("actor_username")).isEqualTo("auditor");
        assertThat(row.getString("owner_department")).as("an investigation is not shown to the department investigated").isNull();
        assertThat(row.getString("entry")).contains("\"query\":\"entries.search\"").contains("\"dataset\":\"" + dataset + "\"")
                .contains("\"outcome\":\"DENIED\"").contains("\"source\":\"audit\"");
        assertThat(page.getLong("logSize")).as("the query's own event is in the log it read").isGreaterThan(0);
    }

    @Test
    void aRefusedQueryIsLoggedAsDeniedAndItsDepartmentsCdoSeesIt() {
        String dataset = "ds-" + UUID.randomUUID();
        given().auth().oauth2(Tokens.of("transport-steward")).queryParam("dataset", dataset).when().get("/api/audit/entries")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(Tokens.of("transport-steward")).queryParam("format", "csv").queryParam("dataset", dataset)
                .when().get("/api/audit/entries/export").then().statusCode(403);
        given().auth().oauth2(Tokens.of("transport-cdo")).queryParam("dataset", dataset).when().get("/api/audit/log/verify")
                .then().statusCode(403);
        List<Row> rows = queried(dataset);
        assertThat(rows).hasSize(2);
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.getString("outcome")).isEqualTo("DENIED");
            assertThat(r.getString("actor_department")).isEqualTo("transport");
        });
        var seen = given().auth().oauth2(Tokens.of("transport-cdo")).queryParam("action", "audit.queried").queryParam("outcome", "DENIED")
                .queryParam("actorDepartment", "transport").queryParam("limit", 1000)
                .when().get("/api/audit/entries").then().statusCode(200).extract().jsonPath();
        assertThat(seen.getList("items.event.details.filters.dataset", String.class)).contains(dataset);
    }

    @Test
    void summariesCreditsExportsAndVerificationAreLoggedToo() {
        String auditor = Tokens.of("auditor");
        String from = "2001-01-0" + (1 + new java.util.Random().nextInt(8)) + "T00:00:00Z";
        String marker = from;
        given().auth().oauth2(auditor).queryParam("from", from).when().get("/api/audit/summaries/denials").then().statusCode(200);
        given().auth().oauth2(auditor).queryParam("from", from).when().get("/api/audit/summaries/department-pairs").then().statusCode(200);
        given().auth().oauth2(auditor).queryParam("from", from).when().get("/api/audit/summaries/top-datasets").then().statusCode(200);
        given().auth().oauth2(auditor).queryParam("from", from).when().get("/api/audit/credits").then().statusCode(200);
        given().auth().oauth2(auditor).queryParam("from", from).queryParam("format", "ndjson").when().get("/api/audit/entries/export")
                .then().statusCode(200);
        List<String> queries = queried(marker).stream().map(r -> r.getString("entry").replaceAll(".*\"query\":\"([^\"]+)\".*", "$1")).toList();
        assertThat(queries).contains("summaries.denials", "summaries.department-pairs", "summaries.top-datasets", "credits", "entries.export");
    }
}
