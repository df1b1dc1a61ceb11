package org.govdx.audit.it;

import org.govdx.devstack.Databases;
import org.govdx.testsupport.GovdxStack;
import org.govdx.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 of the audit service, twice, in the middle of a load from eight producers that resend each batch until it
 * is acknowledged (as the outbox relays do). Afterwards: indices without a gap, the stored tree and every signed
 * checkpoint equal to a full recomputation, every acknowledged event logged, and no event logged twice.
 */
class AuditServiceCrashIT {

    static final String DATABASE = "govdx_audit_crash";

    @Test
    void killingTheAuditServiceMidLoadLosesAndDuplicatesNothing() throws Exception {
        GovdxStack.ensureKeycloak();
        Databases.recreate(GovdxStack.DB_HOST, GovdxStack.DB_PORT, GovdxStack.DB_USER, "", DATABASE);
        try (AuditServiceProcess audit = new AuditServiceProcess("audit-crash", DATABASE)) {
            audit.start();
            RetryingProducers producers = new RetryingProducers(audit::url, Tokens.ofService(), 8, 25);
            producers.start();
            for (int crash = 0; crash < 3; crash++) {
                Thread.sleep(2500 + crash * 700L);
                long before = producers.acknowledged.size();
                audit.kill9();
                assertThat(before).as("load was flowing before crash %d", crash).isPositive();
                Thread.sleep(300);
                audit.start();
            }
            Thread.sleep(2000);
            producers.stopAndDrain(Duration.ofSeconds(60));

            Set<UUID> logged = LogCheck.eventIds(DATABASE, "crash-test");
            assertThat(producers.failures.get()).as("the crashes made producers retry").isPositive();
            assertThat(logged).as("no acknowledged event lost").containsAll(producers.acknowledged);
            assertThat(producers.acknowledged).as("every batch was finally acknowledged").isEqualTo(producers.sent);
            assertThat(logged).as("exactly the events sent, none twice, none invented").isEqualTo(producers.sent);
            long size = LogCheck.assertLogIsWhole(DATABASE);
            assertThat(size).isEqualTo(producers.sent.size());
            System.out.printf("crash test: %d events logged exactly once across 3 kill -9, %d failed sends retried%n",
                    size, producers.failures.get());
        }
    }
}
