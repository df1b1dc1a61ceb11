package org.govdx.audit.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.govdx.audit.support.ReferenceMerkle;
import org.govdx.audit.support.TestLog;
import org.govdx.testsupport.Tokens;
import org.govdx.tlog.Checkpoint;
import org.govdx.tlog.NoteVerifier;
import org.govdx.tlog.verifier.VerifierMain;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class CheckpointResourceTests {

    static final String ORIGIN = "govdx.example/audit-log";

    @Inject
    Pool pool;

    static NoteVerifier publishedKey() {
        String vkey = given().when().get("/api/audit/log/key").then().statusCode(200)
                .contentType("text/plain").extract().asString().trim();
        return NoteVerifier.parse(vkey);
    }

    static Checkpoint latest(String token) throws Exception {
        String note = given().auth().oauth2(token).when().get("/api/audit/log/checkpoint").then().statusCode(200)
                .contentType("text/plain").extract().asString();
        return Checkpoint.open(note, ORIGIN, List.of(publishedKey()));
    }

    @Test
    void theVerifierKeyIsPublicAndNamedAfterTheOrigin() {
        NoteVerifier key = publishedKey();
        assertThat(key.name()).isEqualTo(ORIGIN);
        assertThat(key.encode()).isEqualTo("govdx.example/audit-log+65ce2905+AdL2qo0ey4lXECXuIctTyiSV+YUIdAX/C2VgXKLXeGqe");
    }

    @Test
    void aCheckpointIsSignedWithinAboutASecondOfNewEntriesAndItsRootIsTheRecomputedOne() throws Exception {
        String auditor = Tokens.of("auditor");
        TestLog.ingestMany(7, "checkpoint.periodic", "hrss", "hrss");
        long size = TestLog.size(pool);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        Checkpoint checkpoint = latest(auditor);
        while (checkpoint.size() < size && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            checkpoint = latest(auditor);
        }
        assertThat(checkpoint.size()).as("a checkpoint covers the new entries within the interval").isGreaterThanOrEqualTo(size);
        assertThat(checkpoint.extensionLines()).singleElement().asString().startsWith("Timestamp: ");
        List<String> entries = TestLog.entries(pool);
        assertThat(checkpoint.rootHash()).isEqualTo(ReferenceMerkle.ofEntries(entries.subList(0, (int) checkpoint.size())).root((int) checkpoint.size()));
    }

    @Test
    void anAuditorSignsACheckpointOnDemandAndEveryStoredCheckpointMatchesTheEntries() throws Exception {
        String auditor = Tokens.of("auditor");
        TestLog.ingestMany(3, "checkpoint.on-demand", "hrss", "hrss");
        long size = TestLog.size(pool);
        String note = given().auth().oauth2(auditor).when().post("/api/audit/log/checkpoint").then().statusCode(200).extract().asString();
        Checkpoint now = Checkpoint.open(note, ORIGIN, List.of(publishedKey()));
        assertThat(now.size()).isGreaterThanOrEqualTo(size);
        given().auth().oauth2(auditor).when().get("/api/audit/log/checkpoints/" + now.size()).then().statusCode(200).body(equalTo(note));
        given().auth().oauth2(auditor).when().get("/api/audit/log/checkpoints/999999999").then().statusCode(404);
        given().auth().oauth2(Tokens.of("health-cdo")).when().post("/api/audit/log/checkpoint").then().statusCode(403);

        ReferenceMerkle reference = ReferenceMerkle.ofEntries(TestLog.entries(pool));
        List<Long> sizes = given().auth().oauth2(auditor).queryParam("limit", 1000).when().get("/api/audit/log/checkpoints")
                .then().statusCode(200).extract().jsonPath().getList("treeSize", Long.class);
        assertThat(sizes).isSortedAccordingTo(Long::compare).contains(now.size());
        for (long s : sizes) {
            String stored = given().auth().oauth2(auditor).when().get("/api/audit/log/checkpoints/" + s).then().statusCode(200).extract().asString();
            Checkpoint c = Checkpoint.open(stored, ORIGIN, List.of(publishedKey()));
            assertThat(c.rootHash()).as("checkpoint %d", s).isEqualTo(reference.root((int) s));
        }
    }

    @Test
    void theOfflineVerifierConfirmsTheLogOnlyGrewBetweenTwoCheckpoints(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String auditor = Tokens.of("auditor");
        TestLog.ingestMany(2, "checkpoint.consistency", "hrss", "hrss");
        String older = given().auth().oauth2(auditor).when().post("/api/audit/log/checkpoint").then().statusCode(200).extract().asString();
        TestLog.ingestMany(5, "checkpoint.consistency", "hrss", "hrss");
        String newer = given().auth().oauth2(auditor).when().post("/api/audit/log/checkpoint").then().statusCode(200).extract().asString();
        long from = Checkpoint.parse(older.substring(0, older.indexOf("\n\n") + 1)).size();
        long to = Checkpoint.parse(newer.substring(0, newer.indexOf("\n\n") + 1)).size();
        String proof = given().auth().oauth2(auditor).queryParam("from", from).queryParam("to", to)
                .when().get("/api/audit/log/proofs/consistency").then().statusCode(200).extract().asString();
        Files.writeString(dir.resolve("old"), older);
        Files.writeString(dir.resolve("new"), newer);
        Files.writeString(dir.resolve("proof.json"), proof);
        Files.writeString(dir.resolve("log.vkey"), publishedKey().encode() + "\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = VerifierMain.run(new String[]{"verify-consistency", "--vkey", dir.resolve("log.vkey").toString(),
                "--old", dir.resolve("old").toString(), "--new", dir.resolve("new").toString(), "--proof", dir.resolve("proof.json").toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(status).as(out.toString(StandardCharsets.UTF_8)).isEqualTo(VerifierMain.OK);
        // and swapped: the newer tree is not a prefix of the older one
        out.reset();
        status = VerifierMain.run(new String[]{"verify-consistency", "--vkey", dir.resolve("log.vkey").toString(),
                "--old", dir.resolve("new").toString(), "--new", dir.resolve("old").toString(), "--proof", dir.resolve("proof.json").toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(VerifierMain.FAILED);
    }

    @Test
    void stewardsAndServicesReadNoCheckpoints() {
        given().auth().oauth2(Tokens.of("health-steward")).when().get("/api/audit/log/checkpoint")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(Tokens.ofService()).when().get("/api/audit/log/checkpoint").then().statusCode(403);
        given().when().get("/api/audit/log/checkpoint").then().statusCode(401);
    }
}
