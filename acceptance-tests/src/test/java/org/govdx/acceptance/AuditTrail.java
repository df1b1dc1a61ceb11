package org.govdx.acceptance;

import io.restassured.response.Response;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the audit log and the exchange's quota say about one agreement's reads. */
final class AuditTrail {

    record Entry(String eventId, String action, String outcome, long rowCount) {
    }

    final List<Entry> entries = new ArrayList<>();

    /** Every entry of the agreement, read page by page as the auditor. */
    static AuditTrail of(String agreementId) {
        AuditTrail trail = new AuditTrail();
        String cursor = null;
        do {
            var spec = World.as("auditor").queryParam("agreement", agreementId).queryParam("limit", 500);
            if (cursor != null) {
                spec.queryParam("cursor", cursor);
            }
            Response page = spec.get("/api/audit/entries");
            if (page.statusCode() != 200) {
                throw new IllegalStateException("audit entries answered " + page.statusCode() + ": " + page.asString());
            }
            List<Map<String, Object>> items = page.path("items");
            for (Map<String, Object> item : items) {
                @SuppressWarnings("unchecked") Map<String, Object> event = (Map<String, Object>) item.get("event");
                @SuppressWarnings("unchecked") Map<String, Object> details = (Map<String, Object>) event.getOrDefault("details", Map.of());
                Object rows = details == null ? null : details.get("rowCount");
                trail.entries.add(new Entry((String) event.get("eventId"), (String) event.get("action"), (String) event.get("outcome"),
                        rows instanceof Number n ? n.longValue() : 0));
            }
            cursor = items.isEmpty() ? null : page.path("nextCursor");
        } while (cursor != null);
        return trail;
    }

    Map<String, Integer> occurrences() {
        Map<String, Integer> count = new HashMap<>();
        entries.forEach(e -> count.merge(e.eventId(), 1, Integer::sum));
        return count;
    }

    /** The usage-anomaly flags the exchange raised about the agreement's reads: events about reads, not reads (no rows). */
    static final String USAGE_FLAG = "data.usage-anomaly";

    private static boolean isRead(Entry e) {
        return e.action().startsWith("data.") && !USAGE_FLAG.equals(e.action());
    }

    long allowedReads() {
        return entries.stream().filter(e -> isRead(e) && "ALLOWED".equals(e.outcome())).count();
    }

    long deniedReads() {
        return entries.stream().filter(e -> isRead(e) && "DENIED".equals(e.outcome())).count();
    }

    long usageFlags() {
        return entries.stream().filter(e -> USAGE_FLAG.equals(e.action())).count();
    }

    long rowsAudited() {
        return entries.stream().filter(e -> "ALLOWED".equals(e.outcome())).mapToLong(Entry::rowCount).sum();
    }

    /** Rows the exchange counted against the agreement's quotas, all days. */
    static long quotaUsed(String agreementId) throws Exception {
        try (Connection c = AcceptanceStack.jdbc("exchange");
             PreparedStatement s = c.prepareStatement("select coalesce(sum(rows_used), 0) from data_quota where agreement_id = ?")) {
            s.setObject(1, UUID.fromString(agreementId));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The auditor's full verification of the Merkle log against its signed checkpoint. */
    static Map<String, Object> verify() {
        return World.as("auditor").get("/api/audit/log/verify").then().statusCode(200).extract().jsonPath().getMap("$");
    }

    /**
     * What a load run left in the audit log and the quota, checked after the outboxes drained: every answered read and
     * every refusal logged exactly once, rows audited = rows counted against the quota, the Merkle log verifying, and no
     * answer but a connection failure or a 5xx problem while something was down.
     */
    record Consistency(long answered, long refused, long allowedLogged, long deniedLogged, long usageFlags, long rowsAudited, long quota, long duplicated,
                       long missing, long unexpectedFailures, long lostInTransit, Map<String, Object> verification, String failures) {

        static Consistency after(ReadLoad load, String agreementId) throws Exception {
            return after(load, java.util.Set.of(), agreementId);
        }

        /** {@code alsoAnswered}: audit event ids of allowed reads of the agreement made beside the load (probes). */
        static Consistency after(ReadLoad load, java.util.Set<String> alsoAnswered, String agreementId) throws Exception {
            java.util.concurrent.atomic.AtomicReference<Map<String, Integer>> seen = new java.util.concurrent.atomic.AtomicReference<>(Map.of());
            try {
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(180)).pollInterval(java.time.Duration.ofSeconds(2)).until(() -> {
                    seen.set(AuditTrail.of(agreementId).occurrences());
                    return seen.get().keySet().containsAll(load.allowedIds) && seen.get().keySet().containsAll(load.deniedIds)
                            && seen.get().keySet().containsAll(alsoAnswered);
                });
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                // counted below as missing
            }
            Thread.sleep(3000); // let any straggler of a killed process's outbox arrive before counting
            AuditTrail trail = AuditTrail.of(agreementId);
            Map<String, Integer> occurrences = trail.occurrences();
            long missing = load.allowedIds.stream().filter(id -> !occurrences.containsKey(id)).count()
                    + load.deniedIds.stream().filter(id -> !occurrences.containsKey(id)).count()
                    + alsoAnswered.stream().filter(id -> !occurrences.containsKey(id)).count();
            long unexpected = load.failures.entrySet().stream()
                    .filter(e -> e.getKey().startsWith("status 4") || e.getKey().startsWith("status 2") || e.getKey().startsWith("status 500"))
                    .mapToLong(e -> e.getValue().get()).sum();
            long answered = load.allowedIds.size() + alsoAnswered.size();
            return new Consistency(answered, load.deniedIds.size(), trail.allowedReads(), trail.deniedReads(), trail.usageFlags(), trail.rowsAudited(),
                    quotaUsed(agreementId), occurrences.values().stream().filter(n -> n > 1).count(), missing, unexpected,
                    trail.allowedReads() - answered, verify(), load.failures.toString());
        }

        boolean holds(long maxLostInTransit) {
            return missing == 0 && duplicated == 0 && rowsAudited == quota && unexpectedFailures == 0 && lostInTransit >= 0
                    && lostInTransit <= maxLostInTransit && deniedLogged >= refused && Boolean.TRUE.equals(verification.get("ok"));
        }

        List<String> details(int threads) {
            return List.of(
                    (answered + refused + unexpectedFailures) + "+ reads by " + threads + " threads (every 10th asks for the FORBIDDEN field): "
                            + answered + " answered (with the probes), " + refused + " refused and audited; failed while something was down: " + failures,
                    "audit log for the agreement: " + allowedLogged + " allowed reads, " + deniedLogged + " denials, " + rowsAudited
                            + " rows; the exchange's quota counted " + quota + " rows; answered or refused but not in the log: " + missing
                            + "; duplicated event ids: " + duplicated + "; usage-anomaly flags the exchange raised about these reads (not "
                            + "counted as reads): " + usageFlags,
                    lostInTransit + " reads were committed and audited but their answer died on the way (the client saw an error and no "
                            + "data was delivered to it; the audit and the quota still count them, as they must)",
                    "Merkle log verification: " + verification.get("ok") + " (" + verification.get("problem") + ")");
        }

        void assertHolds(long maxLostInTransit) {
            org.assertj.core.api.Assertions.assertThat(missing).as("answered reads or refusals missing from the audit log").isZero();
            org.assertj.core.api.Assertions.assertThat(duplicated).as("event ids logged twice").isZero();
            org.assertj.core.api.Assertions.assertThat(rowsAudited).as("rows audited = rows counted against the quota").isEqualTo(quota);
            org.assertj.core.api.Assertions.assertThat(lostInTransit).as("allowed reads audited minus answered").isBetween(0L, maxLostInTransit);
            org.assertj.core.api.Assertions.assertThat(unexpectedFailures).as("500s, 4xx or 2xx without audit id during faults: " + failures).isZero();
            org.assertj.core.api.Assertions.assertThat(verification.get("ok")).as("Merkle log verification " + verification).isEqualTo(true);
        }
    }
}
