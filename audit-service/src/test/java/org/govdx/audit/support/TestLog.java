package org.govdx.audit.support;

import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.govdx.testsupport.Tokens;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Test helpers: audit events, ingesting them as a relay does, and reading the stored log directly. */
public final class TestLog {

    private TestLog() {
    }

    public static Map<String, Object> event(String action, String owner, String actorDepartment) {
        Map<String, Object> event = new HashMap<>();
        event.put("eventId", UUID.randomUUID().toString());
        event.put("occurredAt", Instant.now().toString());
        event.put("source", "test");
        event.put("action", action);
        event.put("outcome", "ALLOWED");
        event.put("ownerDepartment", owner);
        event.put("actor", Map.of("username", actorDepartment + "-steward", "department", actorDepartment, "roles", List.of("steward")));
        return event;
    }

    public static ValidatableResponse ingest(Object batch) {
        return given().auth().oauth2(Tokens.ofService()).contentType("application/json").body(batch)
                .when().post("/api/audit/ingest").then();
    }

    /** Ingests {@code n} events of {@code action}, in batches of 50; returns their event ids. */
    public static List<String> ingestMany(int n, String action, String owner, String actorDepartment) {
        List<String> ids = new ArrayList<>();
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> e = event(action, owner, actorDepartment);
            ids.add((String) e.get("eventId"));
            batch.add(e);
            if (batch.size() == 50 || i == n - 1) {
                ingest(batch).statusCode(200);
                batch = new ArrayList<>();
            }
        }
        return ids;
    }

    /** Every stored entry text, in index order (the test database is small). */
    public static List<String> entries(Pool pool) {
        List<String> entries = new ArrayList<>();
        pool.query("select idx, entry from log_entry order by idx").execute().await().indefinitely().forEach(row -> {
            if (row.getLong(0) != entries.size()) {
                throw new AssertionError("index gap at " + entries.size());
            }
            entries.add(row.getString(1));
        });
        return entries;
    }

    public static long size(Pool pool) {
        return pool.query("select size from log_state").execute().await().indefinitely().iterator().next().getLong(0);
    }

    public static byte[] storedRoot(Pool pool) {
        return pool.query("select root_hash from log_state").execute().await().indefinitely().iterator().next().getBuffer(0).getBytes();
    }

    public static void sql(Pool pool, String sql, Object... params) {
        pool.preparedQuery(sql).execute(Tuple.from(params)).await().indefinitely();
    }
}
