package org.govdx.audit.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.govdx.audit.repository.LogEntryRepository;
import org.govdx.audit.repository.MerkleNodeRepository;
import org.govdx.common.identity.Caller;
import org.govdx.common.problem.ProblemException;
import org.govdx.tlog.MerkleHashes;
import org.govdx.tlog.TileId;
import org.govdx.tlog.Tiles;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The log, read-only, in the C2SP tlog-tiles layout (https://c2sp.org/tlog-tiles), computed from the stored tree:
 * hash tile {@code tile/<L>/<N>[.p/<W>]} holds the stored nodes of Merkle level 8·L, indices N·256 … N·256+W−1;
 * entry bundle {@code tile/entries/<N>[.p/<W>]} holds entries N·256 … as uint16 length + canonical JSON bytes.
 * A tile is served once the log has grown to cover it. Hash tiles are verification material (CDOs may read
 * them); entry bundles are log content for auditors and the platform admin, and reading one is logged.
 */
@ApplicationScoped
public class TileService {

    @Inject
    MerkleNodeRepository nodes;

    @Inject
    LogEntryRepository entries;

    @Inject
    AuditAccess access;

    /** The bytes at {@code tile/<path>}: a hash tile or, under {@code entries/}, an entry bundle. */
    public Uni<byte[]> tile(Caller caller, String path) {
        String full = "tile/" + path;
        TileId tile;
        boolean bundle = path.startsWith("entries/");
        try {
            tile = bundle ? TileId.parseEntryBundlePath(full) : TileId.parseTilePath(full);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(ProblemException.notFound("No such tile: " + e.getMessage()));
        }
        return bundle ? entryBundle(caller, full, tile) : hashTile(caller, full, tile);
    }

    private Uni<byte[]> hashTile(Caller caller, String path, TileId tile) {
        return access.verificationMaterial(caller, "log.tile", Map.of("path", path))
                .flatMap(grant -> requireCovered(tile))
                .flatMap(ignored -> {
                    long first = tile.index() * TileId.WIDTH;
                    return nodes.levelRange(tile.level() * TileId.HEIGHT, first, first + tile.width());
                })
                .map(hashes -> {
                    if (hashes.size() != tile.width()) {
                        throw new IllegalStateException("merkle_node lacks nodes of " + path);
                    }
                    byte[] out = new byte[hashes.size() * MerkleHashes.HASH_SIZE];
                    for (int i = 0; i < hashes.size(); i++) {
                        System.arraycopy(hashes.get(i), 0, out, i * MerkleHashes.HASH_SIZE, MerkleHashes.HASH_SIZE);
                    }
                    return out;
                });
    }

    private Uni<byte[]> entryBundle(Caller caller, String path, TileId tile) {
        return access.auditorQuery(caller, "log.entries", Map.of("path", path))
                .flatMap(grant -> requireCovered(tile))
                .flatMap(ignored -> {
                    long first = tile.index() * TileId.WIDTH;
                    return entries.range(first, first + tile.width());
                })
                .map(rows -> {
                    if (rows.size() != tile.width()) {
                        throw new IllegalStateException("log_entry lacks entries of " + path);
                    }
                    List<byte[]> texts = new ArrayList<>(rows.size());
                    rows.forEach(row -> texts.add(row.getString("entry").getBytes(StandardCharsets.UTF_8)));
                    return Tiles.entryBundle(texts);
                });
    }

    /** 404 unless the log has grown far enough for every node (or entry) of the tile to exist. */
    private Uni<Void> requireCovered(TileId tile) {
        return entries.size().map(size -> {
            long nodesAtLevel = size >>> (tile.level() * TileId.HEIGHT);
            if (tile.index() * TileId.WIDTH + tile.width() > nodesAtLevel) {
                throw ProblemException.notFound("The log (size " + size + ") does not cover this tile yet");
            }
            return null;
        });
    }
}
