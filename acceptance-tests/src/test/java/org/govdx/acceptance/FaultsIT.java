package org.govdx.acceptance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Under a steady load of governed reads, every service of the stack is killed with SIGKILL in turn and started again.
 * Afterwards each answered read and each refusal is in the audit log exactly once, the log holds exactly as many allowed
 * reads as the exchange counted against the quota (reads whose answer died with a killed process included), the Merkle
 * log verifies, and nothing but connection failures and 5xx were seen while a service was down.
 */
@ExtendWith(AcceptanceStack.class)
@org.junit.jupiter.api.Order(3)
class FaultsIT {

    static final List<String> KILL_ORDER = List.of("exchange", "catalog", "audit", "gateway");

    @Test
    void killingEachServiceUnderLoadLosesNoReadAndNoAuditEntry() throws Exception {
        World world = World.shared();
        String agreement = world.agreement("VIEW", 100_000_000L);
        int threads = 3;
        int steadySeconds = AcceptanceStack.FULL ? 20 : 6;
        List<String> timeline = new ArrayList<>();
        ReadLoad load = new ReadLoad(agreement, threads, 0, 10).start();
        try {
            Thread.sleep(steadySeconds * 1000L);
            for (String service : KILL_ORDER) {
                long pid = AcceptanceStack.pid(service);
                long before = load.allowedIds.size();
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly); // SIGKILL
                long killedAt = System.nanoTime();
                Thread.sleep(1500);
                AcceptanceStack.restartMissing();
                long down = (System.nanoTime() - killedAt) / 1_000_000;
                Thread.sleep(steadySeconds * 1000L);
                timeline.add(service + ": killed (pid " + pid + ") after " + before + " answered reads, back after " + down + " ms");
            }
        } finally {
            load.close();
        }
        long answered = load.allowedIds.size();
        long refused = load.deniedIds.size();

        // the outboxes drain into the log
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            Map<String, Integer> seen = AuditTrail.of(agreement).occurrences();
            return seen.keySet().containsAll(load.allowedIds) && seen.keySet().containsAll(load.deniedIds);
        });
        Thread.sleep(3000); // let any straggler of a killed process's outbox arrive before counting
        AuditTrail trail = AuditTrail.of(agreement);
        Map<String, Integer> occurrences = trail.occurrences();
        long duplicated = occurrences.values().stream().filter(n -> n > 1).count();
        long quota = AuditTrail.quotaUsed(agreement);
        Map<String, Object> verification = AuditTrail.verify();
        long unexpectedFailures = load.failures.entrySet().stream()
                .filter(e -> e.getKey().startsWith("status 4") || e.getKey().startsWith("status 2"))
                .mapToLong(e -> e.getValue().get()).sum();
        long lostInTransit = trail.allowedReads() - answered;

        List<String> details = new ArrayList<>(timeline);
        details.add(load.sent.get() + " reads sent by " + threads + " threads (every 10th asks for the FORBIDDEN field): " + answered
                + " answered, " + refused + " refused and audited, failed while a service was down: " + load.failures);
        details.add("audit log for the agreement: " + trail.allowedReads() + " allowed reads, " + trail.deniedReads() + " denials, "
                + trail.rowsAudited() + " rows; the exchange's quota counted " + quota + " rows; duplicated event ids: " + duplicated);
        details.add(lostInTransit + " reads were committed and audited but their answer died with a killed process (the client saw "
                + "an error and no data was delivered to it; the audit and the quota still count them, as they must)");
        details.add("Merkle log verification: " + verification.get("ok") + " (" + verification.get("problem") + ")");
        boolean ok = trail.rowsAudited() == quota && duplicated == 0 && Boolean.TRUE.equals(verification.get("ok")) && unexpectedFailures == 0
                && lostInTransit >= 0 && trail.deniedReads() >= refused;
        Reliability.record(new Reliability.Result("4-faults", "Faults: kill -9 under load",
                "SIGKILL of exchange, catalog, audit and gateway in turn under " + threads + " threads of governed reads, each restarted by ./govdx up",
                answered + refused, ok ? answered + refused : 0, ok ? "nothing" : "see details", details));

        assertThat(occurrences.keySet()).as("every answered read is audited").containsAll(load.allowedIds);
        assertThat(occurrences.keySet()).as("every refusal is audited").containsAll(load.deniedIds);
        assertThat(duplicated).as("event ids logged twice").isZero();
        assertThat(trail.rowsAudited()).as("rows audited = rows counted against the quota").isEqualTo(quota);
        assertThat(lostInTransit).as("allowed reads audited minus answered").isBetween(0L, (long) threads * KILL_ORDER.size());
        assertThat(unexpectedFailures).as("2xx without audit id or 4xx during faults: " + load.failures).isZero();
        assertThat(verification.get("ok")).as("Merkle log verification " + verification).isEqualTo(true);
    }
}
