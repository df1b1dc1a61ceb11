package org.govdx.audit.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.govdx.audit.support.ReferenceMerkle;
import org.govdx.audit.support.TestLog;
import org.govdx.testsupport.Tokens;
import org.govdx.tlog.Checkpoint;
import org.govdx.tlog.CompactRange;
import org.govdx.tlog.MerkleHashes;
import org.govdx.tlog.NodeId;
import org.govdx.tlog.TileId;
import org.govdx.tlog.Tiles;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The log as a C2SP tiled log: a client that knows only the tlog-tiles layout follows it from the checkpoint,
 * reads every tile and entry bundle, and recomputes the signed root.
 */
@QuarkusTest
class TileResourceTests {

    @Inject
    Pool pool;

    @Test
    void aTlogTilesClientRecomputesTheSignedRootFromTheTilesAndEntryBundles() throws Exception {
        if (TestLog.size(pool) < 600) {
            TestLog.ingestMany((int) (600 - TestLog.size(pool)), "tiles.fill", "health", "hrss");
        }
        String auditor = Tokens.of("auditor");
        String note = given().auth().oauth2(auditor).when().post("/api/audit/log/checkpoint").then().statusCode(200).extract().asString();
        Checkpoint checkpoint = Checkpoint.open(note, CheckpointResourceTests.ORIGIN, List.of(CheckpointResourceTests.publishedKey()));
        long size = checkpoint.size();
        assertThat(size).isGreaterThan(512);

        Map<NodeId, byte[]> fromTiles = new HashMap<>();
        List<byte[]> leavesFromBundles = new ArrayList<>();
        for (TileId tile : TileId.allTiles(size)) {
            byte[] bytes = given().auth().oauth2(auditor).when().get("/api/audit/log/" + tile.tilePath()).then().statusCode(200)
                    .contentType("application/octet-stream").extract().asByteArray();
            List<byte[]> hashes = Tiles.parseHashTile(bytes);
            assertThat(hashes).hasSize(tile.width());
            for (int i = 0; i < hashes.size(); i++) {
                fromTiles.put(tile.nodes().get(i), hashes.get(i));
            }
            if (tile.level() == 0) {
                byte[] bundle = given().auth().oauth2(auditor).when().get("/api/audit/log/" + tile.entryBundlePath()).then().statusCode(200)
                        .extract().asByteArray();
                for (byte[] entry : Tiles.parseEntryBundle(bundle)) {
                    leavesFromBundles.add(MerkleHashes.leafHash(entry));
                }
            }
        }
        assertThat(leavesFromBundles).hasSize((int) size);
        CompactRange recomputed = new CompactRange();
        for (int i = 0; i < size; i++) {
            assertThat(fromTiles.get(new NodeId(0, i))).as("level-0 tile hash %d", i).isEqualTo(leavesFromBundles.get(i));
            recomputed.append(leavesFromBundles.get(i));
        }
        assertThat(recomputed.rootHash()).isEqualTo(checkpoint.rootHash());
        // a higher-level tile holds the nodes at Merkle level 8: each the root of 256 leaves
        ReferenceMerkle reference = ReferenceMerkle.ofEntries(TestLog.entries(pool).subList(0, (int) size));
        assertThat(fromTiles.get(new NodeId(8, 1))).isEqualTo(reference.node(8, 1));
    }

    @Test
    void partialTilesAreServedAtTheirWidthAndTilesBeyondTheLogAre404() {
        String auditor = Tokens.of("auditor");
        TestLog.ingestMany(3, "tiles.partial", "health", "hrss");
        given().auth().oauth2(auditor).when().get("/api/audit/log/tile/0/000.p/2").then().statusCode(200)
                .body(org.hamcrest.Matchers.notNullValue());
        byte[] two = given().auth().oauth2(auditor).when().get("/api/audit/log/tile/0/000.p/2").then().extract().asByteArray();
        assertThat(two).hasSize(64);
        given().auth().oauth2(auditor).when().get("/api/audit/log/tile/0/x999/999").then().statusCode(404);
        given().auth().oauth2(auditor).when().get("/api/audit/log/tile/entries/x999/999.p/3").then().statusCode(404);
        given().auth().oauth2(auditor).when().get("/api/audit/log/tile/0/abc").then().statusCode(404);
        given().auth().oauth2(auditor).when().get("/api/audit/log/tile/7/000.p/0").then().statusCode(404);
    }

    @Test
    void aCdoReadsHashTilesButNotEntryBundles() {
        TestLog.ingestMany(2, "tiles.scope", "health", "hrss");
        given().auth().oauth2(Tokens.of("health-cdo")).when().get("/api/audit/log/tile/0/000.p/1").then().statusCode(200);
        given().auth().oauth2(Tokens.of("health-cdo")).when().get("/api/audit/log/tile/entries/000.p/1").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.of("health-steward")).when().get("/api/audit/log/tile/0/000.p/1").then().statusCode(403);
    }
}
