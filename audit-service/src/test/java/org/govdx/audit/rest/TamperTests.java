package org.govdx.audit.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.govdx.audit.support.ReferenceMerkle;
import org.govdx.audit.support.TestLog;
import org.govdx.testsupport.Tokens;
import org.govdx.tlog.verifier.VerifierMain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Someone with write access to the database edits, deletes, reorders and inserts log_entry rows directly; the
 * server-side verification and the offline verifier (on an export made afterwards) both fail and name the first
 * bad entry. Each test puts the rows back, so the log verifies again afterwards.
 */
@QuarkusTest
class TamperTests {

    @Inject
    Pool pool;

    long checkpointSize;
    int target;

    @BeforeEach
    void aCheckpointedLogOfSomeSize() {
        if (TestLog.size(pool) < 120) {
            TestLog.ingestMany((int) (120 - TestLog.size(pool)), "tamper.fill", "health", "civil-affairs");
        }
        String note = given().auth().oauth2(Tokens.of("auditor")).when().post("/api/audit/log/checkpoint").then().statusCode(200)
                .extract().asString();
        checkpointSize = Long.parseLong(note.split("\n")[1]);
        target = (int) (checkpointSize / 2) | 1; // an odd index in the middle of the log
        TestLog.sql(pool, "create table if not exists tamper_backup as select * from log_entry where false");
        assertVerifies();
    }

    @AfterEach
    void theLogVerifiesAgainOnceRestored() {
        assertVerifies();
    }

    void assertVerifies() {
        JsonPath report = verify();
        assertThat(report.getBoolean("ok")).as(report.prettify()).isTrue();
    }

    static JsonPath verify() {
        return given().auth().oauth2(Tokens.of("auditor")).when().get("/api/audit/log/verify").then().statusCode(200).extract().jsonPath();
    }

    /** Exports the whole log with proofs against the checkpoint and runs verify-log (and verify-entries) on it. */
    Map.Entry<Integer, String> offlineVerification(Path dir, String command) throws Exception {
        byte[] zip = given().auth().oauth2(Tokens.of("auditor")).queryParam("format", "ndjson-proofs").queryParam("treeSize", checkpointSize)
                .when().get("/api/audit/entries/export").then().statusCode(200).extract().asByteArray();
        ExportResourceTests.unzip(zip, dir);
        return ExportResourceTests.verifier(command, "--vkey", CheckpointResourceTests.publishedKey().encode(),
                "--checkpoint", dir.resolve("checkpoint").toString(), "--entries", dir.resolve("entries.ndjson").toString());
    }

    void assertBothVerifiersNameTheFirstBadEntry(Path dir, long expected) throws Exception {
        JsonPath report = verify();
        assertThat(report.getBoolean("ok")).isFalse();
        assertThat(report.getLong("firstBadIndex")).as(report.prettify()).isEqualTo(expected);

        var log = offlineVerification(dir, "verify-log");
        assertThat(log.getKey()).as(log.getValue()).isEqualTo(VerifierMain.FAILED);
        assertThat(log.getValue()).contains("first bad entry: index " + expected);
    }

    @Test
    void anEditedEntryIsNamed(@TempDir Path dir) throws Exception {
        String original = TestLog.entries(pool).get(target);
        try {
            TestLog.sql(pool, "update log_entry set entry = replace(entry, '\"outcome\":\"ALLOWED\"', '\"outcome\":\"DENIED\"'), outcome = 'DENIED' where idx = $1",
                    (long) target);
            assertThat(TestLog.entries(pool).get(target)).isNotEqualTo(original);
            assertBothVerifiersNameTheFirstBadEntry(dir, target);
            Path entries = Files.createDirectory(dir.resolve("entries"));
            var subset = offlineVerification(entries, "verify-entries");
            assertThat(subset.getKey()).isEqualTo(VerifierMain.FAILED);
            assertThat(subset.getValue()).contains("first bad entry: index " + target);
        } finally {
            TestLog.sql(pool, "update log_entry set entry = $1, outcome = 'ALLOWED' where idx = $2", original, (long) target);
        }
    }

    @Test
    void aDeletedEntryIsNamedByTheIndexItLeftEmpty(@TempDir Path dir) throws Exception {
        try {
            TestLog.sql(pool, "insert into tamper_backup select * from log_entry where idx = $1", (long) target);
            TestLog.sql(pool, "delete from log_entry where idx = $1", (long) target);
            assertBothVerifiersNameTheFirstBadEntry(dir, target);
        } finally {
            TestLog.sql(pool, "insert into log_entry select * from tamper_backup where idx = $1 on conflict do nothing", (long) target);
            TestLog.sql(pool, "delete from tamper_backup");
        }
    }

    @Test
    void twoSwappedEntriesAreNamedAtTheSmallerIndex(@TempDir Path dir) throws Exception {
        long a = target;
        long b = target + 5;
        try {
            swap(a, b);
            assertBothVerifiersNameTheFirstBadEntry(dir, a);
        } finally {
            swap(a, b);
        }
    }

    private void swap(long a, long b) {
        TestLog.sql(pool, "update log_entry set idx = -1 where idx = $1", a);
        TestLog.sql(pool, "update log_entry set idx = $1 where idx = $2", a, b);
        TestLog.sql(pool, "update log_entry set idx = $1 where idx = -1", b);
    }

    @Test
    void anEntryInsertedPastTheEndIsNamed() {
        long size = TestLog.size(pool);
        long beyond = size + 1000;
        try {
            TestLog.sql(pool, "insert into log_entry (idx, event_id, entry, leaf_hash, occurred_at, source, action, outcome) "
                    + "select $1, gen_random_uuid(), entry, leaf_hash, occurred_at, source, action, outcome from log_entry where idx = $2", beyond, (long) target);
            JsonPath report = verify();
            assertThat(report.getBoolean("ok")).isFalse();
            assertThat(report.getString("problem")).as(report.prettify()).contains("beyond the log's size");
        } finally {
            TestLog.sql(pool, "delete from log_entry where idx = $1", beyond);
        }
    }

    @Test
    void anEditWhoseLeafHashesWereForgedTooIsCaughtByTheSignedRoot() {
        String original = TestLog.entries(pool).get(target);
        String forged = original.replace("\"outcome\":\"ALLOWED\"", "\"outcome\":\"DENIED\"");
        byte[] forgedLeaf = ReferenceMerkle.leafHash(forged);
        byte[] originalLeaf = ReferenceMerkle.leafHash(original);
        try {
            TestLog.sql(pool, "update log_entry set entry = $1, leaf_hash = $2 where idx = $3", forged,
                    io.vertx.core.buffer.Buffer.buffer(forgedLeaf), (long) target);
            TestLog.sql(pool, "update merkle_node set hash = $1 where level = 0 and idx = $2", io.vertx.core.buffer.Buffer.buffer(forgedLeaf), (long) target);
            JsonPath report = verify();
            assertThat(report.getBoolean("ok")).isFalse();
            // Every hash but the signed root can be forged, so the search can only say which entry's inclusion proof fails
            // first: the entry itself, or an entry of the same 256-entry tile before it (the tree's nodes inside a tile are
            // hashed up from its stored leaves, so their proofs contain the forged leaf hash; decision 0021).
            assertThat(report.getLong("firstBadIndex")).as(report.prettify()).isBetween((long) target - target % 256, (long) target);
            assertThat(report.getString("problem")).contains("signed root");
        } finally {
            TestLog.sql(pool, "update log_entry set entry = $1, leaf_hash = $2 where idx = $3", original,
                    io.vertx.core.buffer.Buffer.buffer(originalLeaf), (long) target);
            TestLog.sql(pool, "update merkle_node set hash = $1 where level = 0 and idx = $2", io.vertx.core.buffer.Buffer.buffer(originalLeaf), (long) target);
        }
    }
}
