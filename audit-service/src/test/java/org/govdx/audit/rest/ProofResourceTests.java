package org.govdx.audit.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.govdx.audit.domain.PrefetchedNodes;
import org.govdx.audit.repository.MerkleNodeRepository;
import org.govdx.audit.support.ReferenceMerkle;
import org.govdx.audit.support.TestLog;
import org.govdx.testsupport.Tokens;
import org.govdx.tlog.NodeId;
import org.govdx.tlog.ProofGenerator;
import org.govdx.tlog.ProofVerifier;
import org.govdx.tlog.StrictBase64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Every proof the service serves, for every tree up to a few hundred entries, equals the one recomputed from the
 * stored entries by a literal RFC 6962 implementation ({@link ReferenceMerkle}).
 */
@QuarkusTest
class ProofResourceTests {

    /** Trees up to this size are checked exhaustively through the service's hash store (one query per tree size). */
    static final int EXHAUSTIVE = 300;
    /** Trees up to this size are checked exhaustively through the HTTP endpoints too. */
    static final int EXHAUSTIVE_HTTP = 32;

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Pool pool;

    @Inject
    MerkleNodeRepository nodes;

    @BeforeEach
    void logHasAFewHundredEntries() {
        long size = TestLog.size(pool);
        if (size < EXHAUSTIVE) {
            TestLog.ingestMany((int) (EXHAUSTIVE - size), "proof.fill", "health", "transport");
        }
    }

    @Test
    void everyInclusionAndConsistencyProofOfEveryTreeUpToAFewHundredEntriesMatchesAFullRecomputation() throws Exception {
        ReferenceMerkle reference = ReferenceMerkle.ofEntries(TestLog.entries(pool).subList(0, EXHAUSTIVE));
        for (int size = 1; size <= EXHAUSTIVE; size++) {
            int n = size;
            // every node the proofs of this tree size need, read through the service's store in one query
            // (as an export reads a chunk's proofs), then the proofs made from them
            java.util.LinkedHashSet<NodeId> wanted = new java.util.LinkedHashSet<>(NodeId.fullSubtrees(0, n));
            for (int m = 0; m < n; m++) {
                ProofGenerator.inclusionProofNodes(m, n).forEach(element -> wanted.addAll(element.fullSubtrees()));
                ProofGenerator.consistencyProofNodes(m + 1, n).forEach(element -> wanted.addAll(element.fullSubtrees()));
            }
            List<NodeId> list = new java.util.ArrayList<>(wanted);
            ProofGenerator served = new ProofGenerator(new PrefetchedNodes(list, nodes.nodeHashes(list).await().indefinitely()));
            assertThat(served.rootHash(n)).as("root of size %d", n).isEqualTo(reference.root(n));
            for (int m = 0; m < n; m++) {
                assertThat(served.inclusionProof(m, n)).as("inclusion proof of %d in %d", m, n)
                        .containsExactlyElementsOf(reference.path(m, n));
            }
            for (int m = 1; m <= n; m++) {
                assertThat(served.consistencyProof(m, n)).as("consistency proof %d -> %d", m, n)
                        .containsExactlyElementsOf(reference.proof(m, n));
            }
        }
        // and the blocking store the verification and tools use, one query per proof, on a sample
        ProofGenerator blocking = new ProofGenerator(nodes.hashStore());
        Random random = new Random(21);
        java.util.concurrent.ExecutorService worker = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            worker.submit(() -> {
                for (int i = 0; i < 200; i++) {
                    int n = 1 + random.nextInt(EXHAUSTIVE);
                    int m = random.nextInt(n);
                    assertThat(blocking.inclusionProof(m, n)).containsExactlyElementsOf(reference.path(m, n));
                    assertThat(blocking.consistencyProof(m + 1, n)).containsExactlyElementsOf(reference.proof(m + 1, n));
                }
            }).get();
        } finally {
            worker.shutdownNow();
        }
    }

    @Test
    void theProofEndpointsServeTheSameProofsAndTheyVerify() throws Exception {
        ReferenceMerkle reference = ReferenceMerkle.ofEntries(TestLog.entries(pool).subList(0, EXHAUSTIVE));
        String auditor = Tokens.of("auditor");
        for (int n = 1; n <= EXHAUSTIVE_HTTP; n++) {
            for (int m = 0; m < n; m++) {
                checkInclusion(auditor, reference, m, n);
            }
            for (int m = 0; m <= n; m++) {
                checkConsistency(auditor, reference, m, n);
            }
        }
        Random random = new Random(6);
        for (int i = 0; i < 200; i++) {
            int n = 1 + random.nextInt(EXHAUSTIVE);
            checkInclusion(auditor, reference, random.nextInt(n), n);
            checkConsistency(auditor, reference, random.nextInt(n + 1), n);
        }
    }

    /** The body as JSON (Jackson: RestAssured's GPath is far slower than the service for hundreds of requests). */
    private static JsonNode json(io.restassured.response.ValidatableResponse response) throws Exception {
        return JSON.readTree(response.statusCode(200).extract().asByteArray());
    }

    private static List<byte[]> hashes(JsonNode array) {
        List<byte[]> out = new java.util.ArrayList<>();
        array.forEach(h -> out.add(StrictBase64.decode(h.asText())));
        return out;
    }

    private static void checkInclusion(String token, ReferenceMerkle reference, int m, int n) throws Exception {
        JsonNode proof = json(given().auth().oauth2(token).queryParam("index", m).queryParam("treeSize", n)
                .when().get("/api/audit/log/proofs/inclusion").then());
        List<byte[]> path = hashes(proof.get("inclusionProof"));
        assertThat(path).as("inclusion %d in %d", m, n).containsExactlyElementsOf(reference.path(m, n));
        assertThat(StrictBase64.decode(proof.get("leafHash").asText())).isEqualTo(reference.leaf(m));
        assertThat(StrictBase64.decode(proof.get("rootHash").asText())).isEqualTo(reference.root(n));
        assertThat(ProofVerifier.verifyInclusion(m, n, reference.leaf(m), path, reference.root(n))).isTrue();
    }

    private static void checkConsistency(String token, ReferenceMerkle reference, int m, int n) throws Exception {
        JsonNode proof = json(given().auth().oauth2(token).queryParam("from", m).queryParam("to", n)
                .when().get("/api/audit/log/proofs/consistency").then());
        List<byte[]> hashes = hashes(proof.get("consistencyProof"));
        assertThat(StrictBase64.decode(proof.get("fromRootHash").asText())).isEqualTo(reference.root(m));
        assertThat(StrictBase64.decode(proof.get("toRootHash").asText())).isEqualTo(reference.root(n));
        if (m == 0) {
            assertThat(hashes).isEmpty();
        } else {
            assertThat(hashes).as("consistency %d -> %d", m, n).containsExactlyElementsOf(reference.proof(m, n));
            assertThat(ProofVerifier.verifyConsistency(m, n, hashes, reference.root(m), reference.root(n))).isTrue();
        }
    }

    @Test
    void anEntryIsProvenByItsEventIdAgainstTheLatestSignedCheckpoint() {
        List<String> ids = TestLog.ingestMany(3, "proof.by-id", "health", "health");
        JsonPath proof = given().auth().oauth2(Tokens.of("auditor")).queryParam("eventId", ids.get(1))
                .when().get("/api/audit/log/proofs/inclusion").then().statusCode(200)
                .body("eventId", equalTo(ids.get(1))).extract().jsonPath();
        String note = proof.getString("checkpoint");
        assertThat(note).startsWith("govdx.example/audit-log\n" + proof.getLong("treeSize") + "\n" + proof.getString("rootHash") + "\n");
        assertThat(ProofVerifier.verifyInclusion(proof.getLong("index"), proof.getLong("treeSize"), StrictBase64.decode(proof.getString("leafHash")),
                decode(proof.getList("inclusionProof", String.class)), StrictBase64.decode(proof.getString("rootHash")))).isTrue();
    }

    @Test
    void aCdoGetsProofsOnlyForEntriesItMayReadAndAStewardNone() {
        List<String> health = TestLog.ingestMany(1, "proof.scope", "health", "health");
        List<String> transport = TestLog.ingestMany(1, "proof.scope", "transport", "transport");
        given().auth().oauth2(Tokens.of("health-cdo")).queryParam("eventId", health.get(0))
                .when().get("/api/audit/log/proofs/inclusion").then().statusCode(200);
        given().auth().oauth2(Tokens.of("health-cdo")).queryParam("eventId", transport.get(0))
                .when().get("/api/audit/log/proofs/inclusion").then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(Tokens.of("health-steward")).queryParam("eventId", health.get(0))
                .when().get("/api/audit/log/proofs/inclusion").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(Tokens.of("health-steward")).queryParam("from", 1)
                .when().get("/api/audit/log/proofs/consistency").then().statusCode(403);
    }

    @Test
    void badProofRequestsAreClear400sAndUnknownEntries404s() {
        String auditor = Tokens.of("auditor");
        given().auth().oauth2(auditor).when().get("/api/audit/log/proofs/inclusion")
                .then().statusCode(400).body("errors[0].field", equalTo("index"));
        given().auth().oauth2(auditor).queryParam("index", 1).queryParam("eventId", UUID.randomUUID().toString())
                .when().get("/api/audit/log/proofs/inclusion").then().statusCode(400);
        given().auth().oauth2(auditor).queryParam("index", 5).queryParam("treeSize", 5)
                .when().get("/api/audit/log/proofs/inclusion").then().statusCode(400).body("errors[0].field", equalTo("treeSize"));
        given().auth().oauth2(auditor).queryParam("index", 0).queryParam("treeSize", 1_000_000_000)
                .when().get("/api/audit/log/proofs/inclusion").then().statusCode(400).body("errors[0].field", equalTo("treeSize"));
        given().auth().oauth2(auditor).queryParam("index", "x")
                .when().get("/api/audit/log/proofs/inclusion").then().statusCode(400).body("errors[0].field", equalTo("index"));
        given().auth().oauth2(auditor).queryParam("eventId", UUID.randomUUID().toString())
                .when().get("/api/audit/log/proofs/inclusion").then().statusCode(404);
        given().auth().oauth2(auditor).queryParam("from", 10).queryParam("to", 5)
                .when().get("/api/audit/log/proofs/consistency").then().statusCode(400).body("errors[0].field", equalTo("from"));
        given().auth().oauth2(auditor).when().get("/api/audit/log/proofs/consistency")
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
    }

    static List<byte[]> decode(List<String> base64) {
        return base64.stream().map(StrictBase64::decode).toList();
    }
}
