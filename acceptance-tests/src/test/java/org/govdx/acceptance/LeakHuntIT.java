package org.govdx.acceptance;

import io.restassured.response.Response;
import org.govdx.acceptance.OpenApiOperations.Operation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sentinel values in the provider's FORBIDDEN field, its ungranted RESTRICTED field, its rows outside the agreement's
 * filter and the clear form of masked fields: none may appear in anything another department, the auditor or the
 * platform admin can obtain (reads in every mode and page, aggregates, refusals, every GET of every service, the audit
 * log and its export), nor in any log line of the stack, nor in the provider's own upload report of a bad row.
 */
@ExtendWith(AcceptanceStack.class)
@org.junit.jupiter.api.Order(2)
class LeakHuntIT {

    static final List<String> OUTSIDERS = List.of("consumer-steward", "consumer-cdo", "consumer-system", "other-steward", "other-cdo",
            "other-system", "auditor", "platform-admin");

    final List<String> leaks = new ArrayList<>();
    int responses;
    long exportedLines;
    long proxiedRows;

    @Test
    void noSentinelLeavesTheProviderThroughAnyAnswerExportAggregateOrLogLine() throws Exception {
        World world = World.shared();
        Set<String> sentinels = new java.util.LinkedHashSet<>(world.sentinels());

        // a bad row of the provider's own upload: the report names row and field, never the value
        String badIncome = "SENTINELBADINCOME" + world.datasetCode.replace("-", "");
        sentinels.add(badIncome);
        scan("upload report", World.as("provider-steward").contentType("application/x-ndjson")
                .body(("{\"resident_id\":\"110101199003077777\",\"name\":\"王五\",\"district_code\":\"320599\",\"income\":\"" + badIncome
                        + "\",\"ethnicity\":\"汉\"}\n").getBytes(StandardCharsets.UTF_8))
                .queryParam("mode", "append").post("/api/exchange/datasets/" + world.dataset + "/versions/1/rows"), sentinels);

        // reads: every page of VIEW, as the steward and the system, and aggregates
        for (String column : List.of("consumer-steward", "consumer-system")) {
            String cursor = null;
            int pages = 0;
            do {
                Map<String, Object> q = new java.util.LinkedHashMap<>(World.view(World.GRANTED, 7));
                q.put("cursor", cursor);
                Response page = World.as(column).contentType("application/json").header("X-Case-Reference", World.CASE_REFERENCE)
                        .body(q).post("/api/exchange/agreements/" + world.agreementId + "/query");
                assertThat(page.statusCode()).as(page.asString()).isEqualTo(200);
                scan("VIEW page as " + column, page, sentinels);
                cursor = page.path("nextCursor");
                pages++;
            } while (cursor != null && pages < 50);
        }
        for (Map<String, Object> q : List.of(World.aggregate(List.of("district_code"), List.of("count", "count:name")),
                World.aggregate(List.of(), List.of("count")), World.aggregate(List.of("name"), List.of("count")),
                World.aggregate(List.of("district_code"), List.of("sum:income")), World.aggregate(List.of("ethnicity"), List.of("count")),
                World.aggregate(List.of("district_code"), List.of("count:ethnicity")))) {
            scan("AGGREGATE " + q, World.read(world.agreementId, q), sentinels);
        }
        // EXTRACT: the whole export in both formats, as the steward and the system, and the export's record
        for (String column : List.of("consumer-steward", "consumer-system")) {
            for (String format : List.of("ndjson", "csv")) {
                Map<String, Object> q = new java.util.LinkedHashMap<>();
                q.put("mode", "EXTRACT");
                q.put("purpose", World.PURPOSE);
                Response export = World.as(column).contentType("application/json").header("X-Case-Reference", World.CASE_REFERENCE)
                        .queryParam("format", format).body(q).post("/api/exchange/agreements/" + world.extractAgreementId + "/query");
                assertThat(export.statusCode()).as("EXTRACT " + format + ": " + export.asString()).isEqualTo(200);
                scan("EXTRACT " + format + " as " + column, export, sentinels);
                exportedLines += export.asString().lines().filter(l -> !l.isBlank()).count();
                String extractId = export.header("X-Extract-Id");
                for (String reader : List.of(column, "auditor", "provider-steward")) {
                    scan("export record as " + reader, World.as(reader).get("/api/exchange/extracts/" + extractId), sentinels);
                }
            }
            // an EXTRACT asking for the FORBIDDEN or the ungranted field is refused, naming neither value
            for (List<String> fields : List.of(List.of("ethnicity"), List.of("income", "name"))) {
                Map<String, Object> q = new java.util.LinkedHashMap<>();
                q.put("mode", "EXTRACT");
                q.put("purpose", World.PURPOSE);
                q.put("fields", fields);
                scan("EXTRACT of " + fields, World.as(column).contentType("application/json").header("X-Case-Reference", World.CASE_REFERENCE)
                        .body(q).post("/api/exchange/agreements/" + world.extractAgreementId + "/query"), sentinels);
            }
        }

        // the proxied dataset: every VIEW page, aggregates, refusals; and the endpoint's registration as everyone
        String cursor = null;
        int proxiedPages = 0;
        do {
            Map<String, Object> q = new java.util.LinkedHashMap<>(World.view(World.GRANTED, 7));
            q.put("cursor", cursor);
            Response page = World.read(world.proxiedAgreementId, q);
            assertThat(page.statusCode()).as("proxied VIEW: " + page.asString()).isEqualTo(200);
            scan("proxied VIEW page", page, sentinels);
            proxiedRows += ((List<?>) page.path("rows")).size();
            cursor = page.path("nextCursor");
            proxiedPages++;
        } while (cursor != null && proxiedPages < 50);
        for (Map<String, Object> q : List.of(World.aggregate(List.of("district_code"), List.of("count")), World.aggregate(List.of(), List.of("count")),
                World.aggregate(List.of("district_code"), List.of("sum:income")), World.aggregate(List.of("ethnicity"), List.of("count")),
                World.view(List.of("ethnicity"), 5), World.view(List.of("phone_secret"), 5), withFilter(World.view(World.GRANTED, 5), "income > 0"),
                withFilter(World.view(World.GRANTED, 5), "phone_secret = 'x'"), withSort(World.view(World.GRANTED, 5), "-income"))) {
            scan("proxied " + q, World.read(world.proxiedAgreementId, q), sentinels);
        }
        for (String column : OUTSIDERS) {
            scan("proxy registration as " + column, World.as(column).get("/api/exchange/datasets/" + world.proxiedDataset + "/versions/1/proxy"), sentinels);
        }
        scan("proxy registration as the owner", World.as("provider-cdo").get("/api/exchange/datasets/" + world.proxiedDataset + "/versions/1/proxy"),
                sentinels);

        // refusals naming what was asked for
        for (Map<String, Object> q : List.of(World.view(List.of("ethnicity"), 5), World.view(List.of("income", "name"), 5),
                withFilter(World.view(World.GRANTED, 5), "ethnicity = 'x'"), withFilter(World.view(World.GRANTED, 5), "income > 0"),
                withFilter(World.view(World.GRANTED, 5), "district_code = '320506'"), withSort(World.view(World.GRANTED, 5), "-income"),
                withFilter(World.view(World.GRANTED, 5), "name like 'Z%'"), withFilter(World.view(World.GRANTED, 5), "resident_id > '0'"))) {
            scan("refused or filtered " + q, World.read(world.agreementId, q), sentinels);
        }
        // every GET of every service, as everyone but the provider, straight and through the gateway
        for (Operation op : OpenApiOperations.all()) {
            if (!"GET".equals(op.method())) {
                continue;
            }
            for (String column : OUTSIDERS) {
                scan(op.key() + " as " + column, Probes.send(op, world, column, AcceptanceStack.GATEWAY), sentinels);
                scan(op.key() + " as " + column + " direct", Probes.send(op, world, column, AcceptanceStack.url(op.service())), sentinels);
            }
        }
        // the audit log, its export in every format the service offers
        for (String format : List.of("json", "ndjson", "csv")) {
            scan("audit export " + format, World.as("auditor").queryParam("format", format).queryParam("dataset", world.dataset.toString())
                    .get("/api/audit/entries/export"), sentinels);
        }
        scan("audit entries of the dataset", World.as("auditor").queryParam("dataset", world.dataset.toString()).queryParam("limit", 500)
                .get("/api/audit/entries"), sentinels);

        // an uninvolved department's CDO reads the audit log scoped to its department: nothing of the parties' exchange
        responses++;
        // (its own people's attempts on the dataset, e.g. the matrix's probes, are rightly its to see)
        List<String> actors = World.as("other-cdo").queryParam("dataset", world.dataset.toString()).queryParam("limit", 500)
                .get("/api/audit/entries").then().statusCode(200).extract().path("items.event.actor.department");
        long foreign = actors.stream().filter(d -> !Principals.OTHER.equals(d)).count();
        if (foreign > 0) {
            leaks.add("the uninvolved department's CDO sees " + foreign + " audit entries of other departments' actions on the provider's dataset");
        }

        // every log line of the stack
        long lines = 0;
        try (Stream<Path> logs = Files.list(AcceptanceStack.runDir().resolve("logs"))) {
            for (Path log : logs.toList()) {
                List<String> content = Files.readAllLines(log, StandardCharsets.UTF_8);
                lines += content.size();
                for (int i = 0; i < content.size(); i++) {
                    for (String s : sentinels) {
                        if (content.get(i).contains(s)) {
                            leaks.add(log.getFileName() + ":" + (i + 1) + " holds " + s);
                        }
                    }
                }
            }
        }
        Reliability.record(new Reliability.Result("3-leak-hunting", "Leak hunting",
                sentinels.size() + " sentinel values (FORBIDDEN field, ungranted RESTRICTED field, rows outside the filter, clear values "
                        + "of masked fields, a bad uploaded value; in the hosted and in the proxied dataset, plus the proxied provider's "
                        + "credential and a member outside the schema) searched in every answer others can obtain (VIEW, AGGREGATE, EXTRACT "
                        + "as NDJSON and CSV, refusals, every GET) and in every log line",
                responses + lines, responses + lines - leaks.size(), leaks.isEmpty() ? "nothing" : leaks.size() + " leaks",
                List.of(responses + " responses (VIEW pages as steward and system, EXTRACT exports in NDJSON and CSV as steward and system ("
                                + exportedLines + " lines) and their records, VIEW pages of the proxied dataset (" + proxiedRows
                                + " rows from the provider's endpoint) and its aggregates and refusals, aggregates, refusals, every GET of every service as "
                                + OUTSIDERS.size() + " callers straight and through the gateway, audit entries and exports, the provider's "
                                + "upload report) and " + lines + " log lines of the stack's four services",
                        leaks.isEmpty() ? "no sentinel found" : "leaks: " + String.join(" | ", leaks.subList(0, Math.min(10, leaks.size()))))));
        assertThat(leaks).as("sentinels found").isEmpty();
    }

    private void scan(String what, Response response, Set<String> sentinels) throws IOException {
        responses++;
        String text = response.asString() + " " + response.getHeaders();
        for (String s : sentinels) {
            if (text.contains(s)) {
                leaks.add(what + " (" + response.statusCode() + ") holds " + s);
            }
        }
    }

    private static Map<String, Object> withFilter(Map<String, Object> q, String filter) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(q);
        copy.put("filter", filter);
        return copy;
    }

    private static Map<String, Object> withSort(Map<String, Object> q, String sort) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(q);
        copy.put("sort", List.of(sort));
        return copy;
    }
}
