package org.govdx.audit.it;

import org.govdx.devstack.Databases;
import org.govdx.devstack.EmbeddedPostgresServer;
import org.govdx.testsupport.GovdxStack;
import org.govdx.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 of PostgreSQL itself (postmaster and every backend, at once), twice, in the middle of a load from eight
 * producers that resend each batch until it is acknowledged. The PostgreSQL is the test's own (PostgreSQL 15 from the
 * zonky binaries, in target/, on a free port), never the shared one. After crash recovery: indices without a gap,
 * the stored tree and every signed checkpoint equal to a full recomputation, every acknowledged event logged (an
 * acknowledgement follows a durable commit), and no event logged twice.
 */
class PostgresCrashIT {

    static final String DATABASE = "govdx_audit_pg_crash";

    @Test
    void killingPostgresMidLoadLosesAndDuplicatesNothing() throws Exception {
        GovdxStack.ensureKeycloak();
        Path dataDir = Path.of("target", "pg-crash", "data").toAbsolutePath();
        deleteRecursively(dataDir.getParent());
        int pgPort = AuditServiceProcess.freePort();
        OwnPostgres postgres = new OwnPostgres(pgPort, dataDir);
        try {
            postgres.start();
            Databases.recreate(GovdxStack.DB_HOST, pgPort, GovdxStack.DB_USER, "", DATABASE);
            try (AuditServiceProcess audit = new AuditServiceProcess("audit-pg-crash", DATABASE, pgPort)) {
                audit.start();
                RetryingProducers producers = new RetryingProducers(audit::url, Tokens.ofService(), 8, 25);
                producers.start();
                for (int crash = 0; crash < 2; crash++) {
                    Thread.sleep(3000 + crash * 700L);
                    long before = producers.acknowledged.size();
                    postgres.kill9();
                    assertThat(before).as("load was flowing before crash %d", crash).isPositive();
                    Thread.sleep(500);
                    postgres.start();
                }
                Thread.sleep(3000);
                producers.stopAndDrain(Duration.ofSeconds(90));

                Set<UUID> logged = LogCheck.eventIds(pgPort, DATABASE, "crash-test");
                assertThat(producers.failures.get()).as("the crashes made producers retry").isPositive();
                assertThat(logged).as("no acknowledged event lost").containsAll(producers.acknowledged);
                assertThat(producers.acknowledged).as("every batch was finally acknowledged").isEqualTo(producers.sent);
                assertThat(logged).as("exactly the events sent, none twice, none invented").isEqualTo(producers.sent);
                long size = LogCheck.assertLogIsWhole(pgPort, DATABASE);
                assertThat(size).isEqualTo(producers.sent.size());
                System.out.printf("postgres crash test: %d events logged exactly once across 2 kill -9 of PostgreSQL, %d failed sends retried%n",
                        size, producers.failures.get());
            }
        } finally {
            postgres.kill9();
            deleteRecursively(dataDir.getParent());
        }
    }

    /** PostgreSQL 15 in a process tree of its own (a JVM running {@link EmbeddedPostgresServer}, the postmaster, its backends). */
    static final class OwnPostgres {
        private final int port;
        private final Path dataDir;
        private Process wrapper;
        private int starts;

        OwnPostgres(int port, Path dataDir) {
            this.port = port;
            this.dataDir = dataDir;
        }

        void start() throws Exception {
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            Path log = dataDir.getParent().resolve("postgres-" + (++starts) + ".log");
            Files.createDirectories(dataDir);
            wrapper = new ProcessBuilder("java", "-Xmx256m", "-XX:+UseSerialGC", "-cp", classpath, EmbeddedPostgresServer.class.getName(),
                    String.valueOf(port), dataDir.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (true) {
                try (Connection ignored = LogCheck.connect(port, "postgres")) {
                    return;
                } catch (SQLException notYet) {
                    if (!wrapper.isAlive() || System.nanoTime() > deadline) {
                        throw new IllegalStateException("the test's PostgreSQL did not start; see " + log);
                    }
                    Thread.sleep(200);
                }
            }
        }

        /** SIGKILL to the postmaster, every backend and the wrapper, all at once: no shutdown, no checkpoint. */
        void kill9() throws InterruptedException {
            if (wrapper == null) {
                return;
            }
            List<ProcessHandle> all = new ArrayList<>(wrapper.descendants().toList());
            all.add(wrapper.toHandle());
            // pg_ctl detaches the postmaster from the wrapper: find it by its pid file
            try {
                long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
                ProcessHandle.of(postmaster).ifPresent(p -> {
                    all.add(p);
                    all.addAll(p.descendants().toList());
                });
            } catch (IOException | RuntimeException noPidFile) {
                // not started yet, or already gone
            }
            all.forEach(ProcessHandle::destroyForcibly);
            for (ProcessHandle p : all) {
                p.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> p).join();
            }
            wrapper = null;
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
