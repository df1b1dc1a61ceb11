package org.govdx.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.govdx.devstack.Databases;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code audit-proof}: the p99 latency of an inclusion proof ({@code GET /api/audit/log/proofs/inclusion?index=…},
 * against the latest signed checkpoint) with {@value #ENTRIES_DEFAULT} entries in the log, from {@value #CLIENTS}
 * concurrent auditors' clients over loopback for {@code seconds}; beside the p99 of the cheapest authenticated read
 * of the same service and HTTP stack, {@code GET /api/audit/log/checkpoint} (one indexed query), in the same run.
 *
 * <p>The log is bulk-loaded first: a generator makes the entries (realistic data-access events in canonical JSON),
 * their leaf hashes and, with an incremental Merkle tree (a compact range, as the service's CompactRange), every
 * full-subtree node of the stored tile levels 0, 8, 16, ... (decision 0021), and streams them into log_entry and merkle_node
 * with COPY (secondary indexes built afterwards).
 * The service then resumes the tree from the stored peaks (checking them against the stored root) and signs a
 * checkpoint; every 50th proof served is verified against the signed root, and the service's full server-side
 * recomputation ({@code GET /api/audit/log/verify}) must agree. The database ({@value #DATABASE}, about 12 GB at
 * 10M entries) is dropped at the end unless {@code KEEP_BENCH_DB=1}.
 */
public final class AuditProofBenchmark {

    static final String DATABASE = "govdx_audit_bench_proof";
    static final int PORT = 8796;
    static final long ENTRIES_DEFAULT = 10_000_000L;
    /** Concurrent auditors asking for proofs (BENCH_CLIENTS; 8 by default, the metrics of another count are named for it). */
    static final int CLIENTS = Integer.parseInt(System.getenv().getOrDefault("BENCH_CLIENTS", "8"));
    static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditProofBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        long entries = args.length > 2 ? Long.parseLong(args[2]) : ENTRIES_DEFAULT;
        byte[] treeRoot = reusable(entries);
        if (treeRoot == null) {
            Databases.recreate(AuditBench.DB_HOST, AuditBench.DB_PORT, AuditBench.DB_USER, AuditBench.DB_PASSWORD, DATABASE);
            // one start creates the schema (Flyway); the log is then loaded with the service stopped
            AuditBench.stop(AuditBench.startService(root, DATABASE, PORT, "govdx.audit.leader.enabled=false"));
            long loadStart = System.nanoTime();
            treeRoot = bulkLoad(entries);
            System.out.printf("loaded %d entries in %.0f s%n", entries, (System.nanoTime() - loadStart) / 1e9);
        }
        String size = databaseSize();
        System.out.printf("database %s: %s%n", DATABASE, size);

        Process service = AuditBench.startService(root, DATABASE, PORT);
        double[] proof;
        double[] byEventId;
        double[] baseline;
        try {
            String token = AuditBench.userToken("auditor");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            JsonNode checkpoint = waitForCheckpoint(http, token, entries);
            byte[] signedRoot = Base64.getDecoder().decode(checkpoint.get("root").asText());
            long treeSize = checkpoint.get("size").asLong();
            if (treeSize == entries && !Arrays.equals(signedRoot, treeRoot)) {
                throw new IllegalStateException("the service signed a root other than the generator's");
            }
            System.out.println("checkpoint signed at size " + treeSize + "; warming up");
            prewarm();
            measure(http, token, treeSize, signedRoot, 10, "index");
            proof = measure(http, token, treeSize, signedRoot, seconds, "index");
            byEventId = measure(http, token, Math.min(entries, treeSize), signedRoot, Math.max(5, seconds / 3), "eventId");
            baseline = measure(http, token, treeSize, signedRoot, seconds, "checkpoint");
            System.out.printf("inclusion proof by index: p50 %.2f ms, p99 %.2f ms, %.0f proofs/s (%d clients)%n", proof[0], proof[1], proof[2], CLIENTS);
            System.out.printf("inclusion proof by event id: p50 %.2f ms, p99 %.2f ms%n", byEventId[0], byEventId[1]);
            System.out.printf("baseline GET /api/audit/log/checkpoint: p50 %.2f ms, p99 %.2f ms%n", baseline[0], baseline[1]);
            if (!"1".equals(System.getenv("SKIP_VERIFY"))) {
                long verifyStart = System.nanoTime();
                HttpResponse<String> verify = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/api/audit/log/verify"))
                        .header("Authorization", "Bearer " + AuditBench.userToken("auditor")).timeout(Duration.ofMinutes(30)).build(),
                        HttpResponse.BodyHandlers.ofString());
                System.out.printf("server-side verification of the whole log: %.0f s: %s%n", (System.nanoTime() - verifyStart) / 1e9, verify.body());
                if (verify.statusCode() != 200 || !JSON.readTree(verify.body()).get("ok").asBoolean()) {
                    throw new IllegalStateException("the service does not verify the generated log: " + verify.body());
                }
            }
        } finally {
            AuditBench.stop(service);
        }
        if (!"1".equals(System.getenv("KEEP_BENCH_DB"))) {
            try (Connection c = AuditBench.jdbc("postgres"); Statement s = c.createStatement()) {
                s.execute("drop database if exists " + DATABASE + " with (force)");
            }
            System.out.println("dropped " + DATABASE + " (" + size + ")");
        }
        String clients = CLIENTS + " concurrent clients, " + entries + " entries";
        String name = CLIENTS == 8 ? "audit-proof" : "audit-proof-" + CLIENTS + "-client" + (CLIENTS == 1 ? "" : "s");
        Results.write(root, name, "BENCH_CLIENTS=" + CLIENTS + " ./benchmarks/run audit-proof", List.of(
                Result.lowerIsBetter(name, proof[1], "ms", "p99 of GET /api/audit/log/checkpoint (" + clients + ")", baseline[1]),
                Result.lowerIsBetter(name + "-p50", proof[0], "ms", "p50 of GET /api/audit/log/checkpoint (" + clients + ")", baseline[0]),
                Result.lowerIsBetter(name + "-by-event-id-p99", byEventId[1], "ms", "p99 of GET /api/audit/log/checkpoint (" + clients + ")",
                        baseline[1])));
    }

    /**
     * Reads the tree's index (the proofs' working set: merkle_node's primary key, which includes the hashes) and the
     * entries' keys into the operating system's cache (shared_buffers here is 128 MB), as a log that has served proofs for
     * a while has them; the entries themselves (7.8 GB at 10M: one random row per proof) are not.
     */
    static void prewarm() throws Exception {
        try (Connection c = AuditBench.jdbc(DATABASE); Statement s = c.createStatement()) {
            s.execute("create extension if not exists pg_prewarm");
            for (String relation : List.of("merkle_node_pkey", "log_entry_pkey", "log_entry_event_id_key")) {
                long began = System.nanoTime();
                try (ResultSet rs = s.executeQuery("select pg_prewarm('" + relation + "', 'read')")) {
                    rs.next();
                    System.out.printf("  prewarmed %s: %d blocks (%.0f s)%n", relation, rs.getLong(1), (System.nanoTime() - began) / 1e9);
                }
            }
        }
    }

    /**
     * With {@code REUSE_BENCH_DB=1}, a database kept by an earlier run ({@code KEEP_BENCH_DB=1}) that holds exactly
     * {@code entries} generated entries is measured again without loading it anew: returns its root, else null.
     */
    static byte[] reusable(long entries) {
        if (!"1".equals(System.getenv("REUSE_BENCH_DB"))) {
            return null;
        }
        try (Connection c = AuditBench.jdbc(DATABASE); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select size, root_hash from log_state")) {
            rs.next();
            if (rs.getLong(1) < entries) {
                return null;
            }
            System.out.println("reusing " + DATABASE + " (" + rs.getLong(1) + " entries)");
            try (ResultSet root = c.createStatement().executeQuery("select root_hash from checkpoint where tree_size = " + entries)) {
                return root.next() ? root.getBytes(1) : null;
            }
        } catch (java.sql.SQLException e) {
            return null;
        }
    }

    /** The latest checkpoint once it covers {@code size} entries: {"size", "root"}. */
    static JsonNode waitForCheckpoint(HttpClient http, String token, long size) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/api/audit/log/checkpoint"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                String[] lines = response.body().split("\n");
                if (Long.parseLong(lines[1]) >= size) {
                    return JSON.createObjectNode().put("size", Long.parseLong(lines[1])).put("root", lines[2]);
                }
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("no checkpoint of size " + size);
    }

    /** {p50 ms, p99 ms, requests/s} of {@value #CLIENTS} clients asking back to back for {@code seconds}. */
    static double[] measure(HttpClient http, String token, long size, byte[] signedRoot, int seconds, String what) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong failures = new AtomicLong();
        List<AuditBench.Longs> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (int t = 0; t < CLIENTS; t++) {
            AuditBench.Longs mine = new AuditBench.Longs();
            latencies.add(mine);
            Thread thread = new Thread(() -> {
                long n = 0;
                while (!stop.get() && System.nanoTime() < end) {
                    long index = ThreadLocalRandom.current().nextLong(size);
                    String path = switch (what) {
                        case "index" -> "/api/audit/log/proofs/inclusion?index=" + index;
                        case "eventId" -> "/api/audit/log/proofs/inclusion?eventId=" + eventId(index);
                        default -> "/api/audit/log/checkpoint";
                    };
                    long began = System.nanoTime();
                    try {
                        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
                                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                        long took = System.nanoTime() - began;
                        if (response.statusCode() != 200) {
                            failures.incrementAndGet();
                            continue;
                        }
                        mine.add(took / 1000);
                        if (!what.equals("checkpoint") && n++ % 50 == 0) {
                            JsonNode proof = JSON.readTree(response.body());
                            if (proof.get("treeSize").asLong() == size) { // a proof against a newer checkpoint is not checked here
                                verifyProof(proof, index, size, signedRoot);
                            }
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " failed " + what + " requests");
        }
        long[] sorted = AuditBench.sorted(latencies.stream().map(AuditBench.Longs::toArray).toList());
        return new double[]{AuditBench.quantile(sorted, 0.5) / 1000.0, AuditBench.quantile(sorted, 0.99) / 1000.0, sorted.length / (double) seconds};
    }

    /** RFC 9162 §2.1.3.2, written out here so that the check does not rest on the code under test. */
    static void verifyProof(JsonNode proof, long index, long size, byte[] root) {
        if (proof.get("index").asLong() != index || proof.get("treeSize").asLong() != size) {
            throw new IllegalStateException("proof for the wrong leaf or tree: " + proof);
        }
        byte[] r = Base64.getDecoder().decode(proof.get("leafHash").asText());
        long fn = index;
        long sn = size - 1;
        for (JsonNode element : proof.get("inclusionProof")) {
            byte[] p = Base64.getDecoder().decode(element.asText());
            if (sn == 0) {
                throw new IllegalStateException("proof too long");
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        if (sn != 0 || !Arrays.equals(r, root)) {
            throw new IllegalStateException("an inclusion proof does not verify against the signed root: index " + index);
        }
    }

    static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha = AuditBench.sha256();
        sha.update((byte) 1);
        sha.update(left);
        return sha.digest(right);
    }

    /** The event id of generated entry i: deterministic, shaped like a random (version 4) UUID. */
    static UUID eventId(long i) {
        long hi = mix(i * 2 + 1);
        long lo = mix(i * 2 + 2);
        return new UUID((hi & ~0xF000L) | 0x4000L, (lo & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /**
     * Streams {@code n} entries into log_entry and their Merkle nodes into merkle_node with COPY (two connections, one
     * generator), sets log_state, and rebuilds the secondary indexes. Returns the tree's root.
     */
    static byte[] bulkLoad(long n) throws Exception {
        List<String> indexes = new ArrayList<>();
        try (Connection c = AuditBench.jdbc(DATABASE); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select indexname, indexdef from pg_indexes where tablename = 'log_entry' and indexname like 'log_entry_%' "
                     + "and indexname <> 'log_entry_pkey' and indexname <> 'log_entry_event_id_key'")) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
                indexes.add(rs.getString(2));
            }
            for (String name : names) {
                try (Statement drop = c.createStatement()) {
                    drop.execute("drop index " + name);
                }
            }
        }
        byte[] root;
        try (Connection entriesConnection = AuditBench.jdbc(DATABASE); Connection nodesConnection = AuditBench.jdbc(DATABASE)) {
            CopyIn entryCopy = entriesConnection.unwrap(PGConnection.class).getCopyAPI().copyIn("copy log_entry (idx, event_id, entry, leaf_hash, "
                    + "occurred_at, source, action, outcome, actor_username, actor_department, owner_department, dataset_id, agreement_id) from stdin");
            CopyIn nodeCopy = nodesConnection.unwrap(PGConnection.class).getCopyAPI().copyIn("copy merkle_node (level, idx, hash) from stdin");
            StringBuilder entryRows = new StringBuilder(1 << 20);
            StringBuilder nodeRows = new StringBuilder(1 << 18);
            Peaks tree = new Peaks();
            HexFormat hex = HexFormat.of();
            long started = System.nanoTime();
            for (long i = 0; i < n; i++) {
                UUID id = eventId(i);
                Instant at = EPOCH.plusMillis(i * 3);
                String entry = AuditBench.event(id, at, i);
                byte[] leaf = AuditBench.leafHash(entry);
                entryRows.append(i).append('\t').append(id).append('\t').append(entry.replace("\\", "\\\\")).append("\t\\\\x")
                        .append(hex.formatHex(leaf)).append('\t').append(at).append("\texchange\tdata.read\tALLOWED\tservice-account-")
                        .append(AuditBench.department(i)).append("-system\t").append(AuditBench.department(i)).append('\t')
                        .append(AuditBench.owner(i)).append("\tds-").append(AuditBench.owner(i)).append('-').append(i % 53)
                        .append("\tagr-").append(i % 997).append('\n');
                tree.append(leaf, (level, index, hash) -> {
                    if (level % 8 == 0) { // the stored tile levels 0, 8, 16, ... (decision 0021)
                        nodeRows.append(level).append('\t').append(index).append("\t\\\\x").append(hex.formatHex(hash)).append('\n');
                    }
                });
                if (entryRows.length() > (1 << 20)) {
                    flush(entryCopy, entryRows);
                    flush(nodeCopy, nodeRows);
                }
                if ((i + 1) % 1_000_000 == 0) {
                    System.out.printf("  %d entries generated and copied (%.0f s)%n", i + 1, (System.nanoTime() - started) / 1e9);
                }
            }
            flush(entryCopy, entryRows);
            flush(nodeCopy, nodeRows);
            entryCopy.endCopy();
            nodeCopy.endCopy();
            root = tree.root();
        }
        try (Connection c = AuditBench.jdbc(DATABASE)) {
            try (PreparedStatement s = c.prepareStatement("update log_state set size = ?, root_hash = ?")) {
                s.setLong(1, n);
                s.setBytes(2, root);
                s.executeUpdate();
            }
            for (String index : indexes) {
                long began = System.nanoTime();
                try (Statement s = c.createStatement()) {
                    s.execute(index);
                }
                System.out.printf("  %s (%.0f s)%n", index, (System.nanoTime() - began) / 1e9);
            }
            try (Statement s = c.createStatement()) {
                s.execute("vacuum analyze log_entry");
                s.execute("vacuum analyze merkle_node");
            }
        }
        return root;
    }

    private static void flush(CopyIn copy, StringBuilder rows) throws Exception {
        byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        rows.setLength(0);
    }

    static String databaseSize() throws Exception {
        try (Connection c = AuditBench.jdbc("postgres"); PreparedStatement s = c.prepareStatement("select pg_size_pretty(pg_database_size(?))")) {
            s.setString(1, DATABASE);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    interface NodeWriter {
        void node(int level, long index, byte[] hash);
    }

    /**
     * The incremental RFC 6962 tree (the peaks of the compact range [0, size)), written out here because the
     * benchmarks module does not depend on transparency-log; the service checks the result (it resumes from these
     * nodes only if they give the stored root, and its verification recomputes the tree from the entries).
     */
    static final class Peaks {
        private final byte[][] peaks = new byte[64][];
        private int count;
        private long size;

        void append(byte[] leaf, NodeWriter out) {
            out.node(0, size, leaf);
            byte[] hash = leaf;
            int level = 0;
            long index = size;
            for (long bits = size; (bits & 1) == 1; bits >>>= 1) {
                hash = nodeHash(peaks[--count], hash);
                level++;
                index >>>= 1;
                out.node(level, index, hash);
            }
            peaks[count++] = hash;
            size++;
        }

        byte[] root() {
            if (count == 0) {
                return AuditBench.sha256().digest();
            }
            byte[] hash = peaks[count - 1];
            for (int i = count - 2; i >= 0; i--) {
                hash = nodeHash(peaks[i], hash);
            }
            return hash;
        }
    }
}
