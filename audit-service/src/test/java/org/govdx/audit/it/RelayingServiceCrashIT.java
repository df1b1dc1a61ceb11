package org.govdx.audit.it;

import org.govdx.devstack.Databases;
import org.govdx.testsupport.GovdxStack;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The done-when of issue 6: a relaying service ({@link OutboxProducer}: business row and outbox row in one
 * transaction, OutboxRelay's delivery) is killed with kill -9 twice mid-load, and the audit service once, and
 * afterwards the events in the log are exactly the events the service committed: same count, same ids.
 */
class RelayingServiceCrashIT {

    static final String LOG_DB = "govdx_audit_relay";
    static final String PRODUCER_DB = "govdx_audit_producer";
    static final int TOTAL = 12_000;

    Process producer;
    int producerStarts;

    Process startProducer(String auditUrl) throws Exception {
        Path log = Path.of("target/it-logs/producer-" + (++producerStarts) + ".log");
        Files.createDirectories(log.getParent());
        List<String> command = List.of("java", "-Xmx96m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                OutboxProducer.class.getName(), "jdbc:postgresql://" + GovdxStack.DB_HOST + ":" + GovdxStack.DB_PORT + "/" + PRODUCER_DB,
                auditUrl, GovdxStack.REALM_URL + "/protocol/openid-connect/token", "govdx-internal", "govdx-internal-secret",
                Integer.toString(TOTAL), "2", "3");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    static long count(String database, String sql) throws Exception {
        try (Connection c = LogCheck.connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void killingTheRelayingServiceAndTheAuditServiceMidLoadLeavesTheCountsExactlyEqual() throws Exception {
        GovdxStack.ensureKeycloak();
        Databases.recreate(GovdxStack.DB_HOST, GovdxStack.DB_PORT, GovdxStack.DB_USER, "", LOG_DB, PRODUCER_DB);
        try (AuditServiceProcess audit = new AuditServiceProcess("audit-relay", LOG_DB)) {
            audit.start();
            producer = startProducer(audit.url());
            long[] killedAt = new long[3];
            for (int k = 0; k < 2; k++) {
                waitUntil(() -> count(LOG_DB, "select count(*) from log_entry where source = 'producer'") > 1500L * (producerStarts));
                killedAt[k] = count(PRODUCER_DB, "select count(*) from produced_event");
                producer.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // kill -9 of the relaying service
                if (k == 0) {
                    audit.kill9(); // and of the audit service while the producer is down
                    audit.start();
                }
                producer = startProducer(audit.url());
            }
            assertThat(producer.waitFor(180, TimeUnit.SECONDS)).as("the producer finished producing and relaying").isTrue();
            assertThat(producer.exitValue()).isZero();
            assertThat(killedAt[0]).as("killed mid-load").isBetween(1L, (long) TOTAL - 1);

            Set<UUID> committed = new HashSet<>();
            try (Connection c = LogCheck.connect(PRODUCER_DB); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select event_id from produced_event")) {
                while (rs.next()) {
                    committed.add((UUID) rs.getObject(1));
                }
            }
            assertThat(count(PRODUCER_DB, "select count(*) from outbox_event")).as("outbox drained").isZero();
            Set<UUID> logged = LogCheck.eventIds(LOG_DB, "producer");
            assertThat(committed).hasSizeGreaterThanOrEqualTo(TOTAL);
            assertThat(logged).as("the log holds exactly the committed events").isEqualTo(committed);
            assertThat(LogCheck.assertLogIsWhole(LOG_DB)).isEqualTo(committed.size());
            System.out.printf("relay crash test: %d events committed by the producer, %d logged, across 2 producer and 1 audit kill -9%n",
                    committed.size(), logged.size());
        } finally {
            if (producer != null && producer.isAlive()) {
                producer.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    static void waitUntil(Condition condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(100);
        }
    }
}
