package org.govdx.audit.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.govdx.audit.support.TestLog;
import org.govdx.testsupport.Tokens;
import org.govdx.tlog.ExportRecord;
import org.govdx.tlog.verifier.VerifierMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

@QuarkusTest
class ExportResourceTests {

    /** A data read by another department under an agreement, as the exchange service would log it. */
    static Map<String, Object> read(String dataset, String agreement, String owner, String reader, String username) {
        Map<String, Object> e = TestLog.event("data.read", owner, reader);
        e.put("datasetId", dataset);
        e.put("datasetVersion", 3);
        e.put("agreementId", agreement);
        e.put("fields", List.of("name", "id_number"));
        e.put("actor", Map.of("username", username, "department", reader, "roles", List.of("steward")));
        e.put("details", Map.of("mode", "VIEW", "rows", 25));
        return e;
    }

    /** Unzips an export into dir; returns the files' texts by name. */
    static Map<String, String> unzip(byte[] zip, Path dir) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] bytes = in.readAllBytes();
                Files.write(dir.resolve(entry.getName()), bytes);
                files.put(entry.getName(), new String(bytes, StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    /** Runs the offline verifier as an auditor would; returns exit status and output. */
    static Map.Entry<Integer, String> verifier(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int status = VerifierMain.run(args, print, print);
        return Map.entry(status, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anAuditorFindsWhoReadADatasetUnderWhichAgreementExportsItWithProofsAndTheOfflineVerifierConfirmsIt(@TempDir Path dir) throws Exception {
        String dataset = "ds-" + UUID.randomUUID();
        String agreement = "agr-" + UUID.randomUUID();
        TestLog.ingest(List.of(read(dataset, agreement, "health", "civil-affairs", "civil-affairs-steward"),
                read(dataset, agreement, "health", "civil-affairs", "civil-affairs-system"),
                read(dataset, "agr-other", "health", "transport", "transport-steward"),
                TestLog.event("data.read", "hrss", "transport"))).statusCode(200);
        String auditor = Tokens.of("auditor");

        JsonPath who = given().auth().oauth2(auditor).queryParam("dataset", dataset).queryParam("action", "data.read")
                .when().get("/api/audit/entries").then().statusCode(200).extract().jsonPath();
        assertThat(who.getList("items.event.actor.username", String.class))
                .containsExactly("civil-affairs-steward", "civil-affairs-system", "transport-steward");
        assertThat(who.getList("items.event.agreementId", String.class)).containsExactly(agreement, agreement, "agr-other");

        ExtractableResponse<Response> export = given().auth().oauth2(auditor).queryParam("format", "ndjson-proofs").queryParam("dataset", dataset)
                .when().get("/api/audit/entries/export").then().statusCode(200).contentType("application/zip").extract();
        Map<String, String> files = unzip(export.asByteArray(), dir);
        assertThat(files).containsOnlyKeys("checkpoint", "log.vkey", "README.txt", "entries.ndjson");
        assertThat(files.get("checkpoint")).startsWith("govdx.example/audit-log\n" + export.header("Govdx-Checkpoint-Size") + "\n");
        List<String> lines = files.get("entries.ndjson").lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines).allSatisfy(line -> assertThat(ExportRecord.parse(line).entry()).contains(dataset));

        String vkey = CheckpointResourceTests.publishedKey().encode(); // the key published out of band, not the one in the zip
        var result = verifier("verify-entries", "--vkey", vkey, "--checkpoint", dir.resolve("checkpoint").toString(),
                "--entries", dir.resolve("entries.ndjson").toString());
        assertThat(result.getKey()).as(result.getValue()).isEqualTo(VerifierMain.OK);
        assertThat(result.getValue()).contains("OK: 3 entries verified");
    }

    @Test
    void aFullExportWithProofsIsTheWholeLogUpToItsCheckpointAndVerifyLogRecomputesIt(@TempDir Path dir) throws Exception {
        TestLog.ingestMany(5, "export.full", "transport", "transport");
        ExtractableResponse<Response> export = given().auth().oauth2(Tokens.of("auditor")).queryParam("format", "ndjson-proofs")
                .when().get("/api/audit/entries/export").then().statusCode(200).extract();
        unzip(export.asByteArray(), dir);
        long size = Long.parseLong(export.header("Govdx-Checkpoint-Size"));
        assertThat(Files.readAllLines(dir.resolve("entries.ndjson"))).hasSize((int) size);
        var result = verifier("verify-log", "--vkey", CheckpointResourceTests.publishedKey().encode(),
                "--checkpoint", dir.resolve("checkpoint").toString(), "--entries", dir.resolve("entries.ndjson").toString());
        assertThat(result.getKey()).as(result.getValue()).isEqualTo(VerifierMain.OK);

        // the same checkpoint can be asked for again by its size
        byte[] again = given().auth().oauth2(Tokens.of("auditor")).queryParam("format", "ndjson-proofs").queryParam("treeSize", size)
                .queryParam("action", "export.full").when().get("/api/audit/entries/export").then().statusCode(200).extract().asByteArray();
        Path second = Files.createDirectory(dir.resolve("second"));
        Map<String, String> files = unzip(again, second);
        assertThat(files.get("checkpoint")).isEqualTo(Files.readString(dir.resolve("checkpoint")));
        assertThat(files.get("entries.ndjson").lines()).hasSize(5);
    }

    @Test
    void csvAndNdjsonExportsStreamEveryMatchingEntryWithItsExactText() throws Exception {
        String marker = "export.plain." + UUID.randomUUID().toString().substring(0, 8);
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Map<String, Object> e = TestLog.event(marker, "health", "health");
            e.put("reason", i % 7 == 0 ? "needs, \"quoting\"\nhere" : "=SUM(A1)");
            batch.add(e);
        }
        TestLog.ingest(batch).statusCode(200);
        String auditor = Tokens.of("auditor");

        String csv = given().auth().oauth2(auditor).queryParam("format", "csv").queryParam("action", marker)
                .when().get("/api/audit/entries/export").then().statusCode(200).contentType("text/csv")
                .header("Content-Disposition", "attachment; filename=\"audit-entries.csv\"").extract().asString();
        List<List<String>> rows = parseCsv(csv);
        assertThat(rows.get(0)).containsExactly("index", "event_id", "occurred_at", "ingested_at", "source", "action", "outcome",
                "actor_username", "actor_department", "owner_department", "dataset_id", "agreement_id", "leaf_hash", "entry");
        assertThat(rows).hasSize(301);
        for (List<String> row : rows.subList(1, rows.size())) {
            assertThat(row.get(5)).isEqualTo(marker);
            assertThat(row.get(12)).isEqualTo(HexFormat.of().formatHex(org.govdx.audit.support.ReferenceMerkle.leafHash(row.get(13))));
        }

        String ndjson = given().auth().oauth2(auditor).queryParam("format", "ndjson").queryParam("action", marker)
                .when().get("/api/audit/entries/export").then().statusCode(200).contentType("application/x-ndjson").extract().asString();
        List<ExportRecord> records = ndjson.lines().map(ExportRecord::parse).toList();
        assertThat(records).hasSize(300);
        assertThat(records).allSatisfy(r -> assertThat(r.hasInclusionProof()).isFalse());
        assertThat(records.stream().map(ExportRecord::index).toList()).isSorted();
    }

    @Test
    void aCdoExportsOnlyItsDepartmentsEntriesAndTheyVerify(@TempDir Path dir) throws Exception {
        String marker = "export.cdo." + UUID.randomUUID().toString().substring(0, 8);
        TestLog.ingest(List.of(TestLog.event(marker, "health", "health"), TestLog.event(marker, "health", "transport"),
                TestLog.event(marker, "transport", "health"), TestLog.event(marker, "transport", "transport"))).statusCode(200);
        byte[] zip = given().auth().oauth2(Tokens.of("health-cdo")).queryParam("format", "ndjson-proofs").queryParam("action", marker)
                .when().get("/api/audit/entries/export").then().statusCode(200).extract().asByteArray();
        Map<String, String> files = unzip(zip, dir);
        List<ExportRecord> records = files.get("entries.ndjson").lines().map(ExportRecord::parse).toList();
        assertThat(records).hasSize(3);
        assertThat(records).noneSatisfy(r -> assertThat(r.entry()).contains("\"department\":\"transport\"").contains("\"ownerDepartment\":\"transport\""));
        var result = verifier("verify-entries", "--vkey", CheckpointResourceTests.publishedKey().encode(),
                "--checkpoint", dir.resolve("checkpoint").toString(), "--entries", dir.resolve("entries.ndjson").toString());
        assertThat(result.getKey()).as(result.getValue()).isEqualTo(VerifierMain.OK);
        given().auth().oauth2(Tokens.of("health-steward")).queryParam("format", "csv").when().get("/api/audit/entries/export")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void badExportRequestsAreClear400s() {
        String auditor = Tokens.of("auditor");
        given().auth().oauth2(auditor).queryParam("format", "xml").when().get("/api/audit/entries/export")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("format"));
        given().auth().oauth2(auditor).queryParam("format", "ndjson-proofs").queryParam("treeSize", 999_999_999)
                .when().get("/api/audit/entries/export").then().statusCode(400).body("errors[0].field", equalTo("treeSize"));
        given().auth().oauth2(auditor).queryParam("from", "soon").when().get("/api/audit/entries/export")
                .then().statusCode(400).body("errors.field", everyItem(equalTo("from")));
    }

    /** RFC 4180 parsing (quoted fields with doubled quotes and line breaks). */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                cell.append(c);
            }
        }
        return rows;
    }

    @SuppressWarnings("unused")
    private static Map<String, Object> copy(Map<String, Object> m) {
        return new HashMap<>(m);
    }
}
