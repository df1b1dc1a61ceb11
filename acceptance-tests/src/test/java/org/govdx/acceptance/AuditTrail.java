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

    long allowedReads() {
        return entries.stream().filter(e -> e.action().startsWith("data.") && "ALLOWED".equals(e.outcome())).count();
    }

    long deniedReads() {
        return entries.stream().filter(e -> e.action().startsWith("data.") && "DENIED".equals(e.outcome())).count();
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
}
