package org.govdx.audit.it;

import org.govdx.devstack.Databases;
import org.govdx.testsupport.GovdxStack;
import org.govdx.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas of the audit service on one database, both ingesting: the log stays gap-free and its tree whole
 * (each replica resumes the tree from the store when the other appended); one replica leads and signs the periodic
 * checkpoints; when the leader is killed with kill -9, the other takes over and checkpoints go on.
 */
class ReplicasIT {

    static final String DATABASE = "govdx_audit_replicas";
    static final String LEADS = "this replica leads the audit log";

    @Test
    void twoReplicasAppendToOneLogAndTheSecondTakesOverCheckpointingWhenTheLeaderDies() throws Exception {
        GovdxStack.ensureKeycloak();
        Databases.recreate(GovdxStack.DB_HOST, GovdxStack.DB_PORT, GovdxStack.DB_USER, "", DATABASE);
        try (AuditServiceProcess a = new AuditServiceProcess("replica-a", DATABASE);
             AuditServiceProcess b = new AuditServiceProcess("replica-b", DATABASE)) {
            a.start();
            b.start();
            AtomicLong turn = new AtomicLong();
            AuditServiceProcess[] replicas = {a, b};
            boolean[] alive = {true, true};
            RetryingProducers producers = new RetryingProducers(() -> {
                int i = (int) (turn.incrementAndGet() % 2);
                return (alive[i] ? replicas[i] : replicas[1 - i]).url();
            }, Tokens.ofService(), 6, 20);
            producers.start();
            Thread.sleep(4000);

            boolean aLeads = a.logText().contains(LEADS);
            boolean bLeads = b.logText().contains(LEADS);
            assertThat(aLeads ^ bLeads).as("exactly one replica leads").isTrue();
            AuditServiceProcess leader = aLeads ? a : b;
            AuditServiceProcess follower = aLeads ? b : a;
            long signedBefore = latestCheckpointSize();
            assertThat(signedBefore).as("the leader signs checkpoints while the log grows").isPositive();

            alive[aLeads ? 0 : 1] = false;
            leader.kill9();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!follower.logText().contains(LEADS) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(follower.logText()).as("the other replica takes over").contains(LEADS);
            Thread.sleep(3000);
            assertThat(latestCheckpointSize()).as("checkpoints go on after the failover").isGreaterThan(signedBefore);

            producers.stopAndDrain(Duration.ofSeconds(60));
            Thread.sleep(2500); // a last periodic checkpoint
            Set<UUID> logged = LogCheck.eventIds(DATABASE, "crash-test");
            assertThat(logged).isEqualTo(producers.sent).containsAll(producers.acknowledged);
            long size = LogCheck.assertLogIsWhole(DATABASE);
            assertThat(latestCheckpointSize()).isEqualTo(size);
            List<String> logs = List.of(a.logText(), follower.logText());
            assertThat(logs).noneSatisfy(text -> assertThat(text).contains("refusing to"));
        }
    }

    static long latestCheckpointSize() throws Exception {
        try (Connection c = LogCheck.connect(DATABASE); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select coalesce(max(tree_size), 0) from checkpoint")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
