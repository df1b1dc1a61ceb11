package org.govdx.audit.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.govdx.common.json.CanonicalJson;
import org.govdx.common.problem.Problem;
import org.govdx.common.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Appends a batch of audit events to the log, exactly once per event id: the batch's transaction locks the
 * log_state row, skips events already logged, gives the rest the next indices with no gap, and commits
 * before the producer is acknowledged.
 */
@ApplicationScoped
public class LogIngestService {

    @Inject
    Pool pool;

    /** What an ingest did: how many new entries, how many were already logged, and the log size after. */
    public record IngestResult(int appended, int duplicates, long size) {
    }

    public Uni<IngestResult> ingest(List<JsonNode> events) {
        List<PreparedEntry> prepared = prepare(events);
        if (prepared.isEmpty()) {
            return pool.query("select size from log_state").execute()
                    .map(rows -> new IngestResult(0, 0, rows.iterator().next().getLong(0)));
        }
        return pool.withTransaction(connection -> append(connection, prepared));
    }

    private Uni<IngestResult> append(SqlConnection connection, List<PreparedEntry> batch) {
        UUID[] ids = batch.stream().map(PreparedEntry::eventId).toArray(UUID[]::new);
        return connection.query("select size from log_state for update").execute()
                .map(rows -> rows.iterator().next().getLong(0))
                .flatMap(size -> connection.preparedQuery("select event_id from log_entry where event_id = any($1)")
                        .execute(Tuple.of(ids))
                        .flatMap(existing -> {
                            Set<UUID> logged = new HashSet<>();
                            for (Row row : existing) {
                                logged.add(row.getUUID(0));
                            }
                            List<Tuple> inserts = new ArrayList<>();
                            long next = size;
                            for (PreparedEntry entry : batch) {
                                if (!logged.contains(entry.eventId())) {
                                    inserts.add(entry.toTuple(next++));
                                }
                            }
                            int duplicates = batch.size() - inserts.size();
                            if (inserts.isEmpty()) {
                                return Uni.createFrom().item(new IngestResult(0, duplicates, size));
                            }
                            long newSize = next;
                            return connection.preparedQuery("insert into log_entry (idx, event_id, entry, leaf_hash, occurred_at, source, action, outcome, "
                                            + "actor_username, actor_department, owner_department, dataset_id, agreement_id) "
                                            + "values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)")
                                    .executeBatch(inserts)
                                    .flatMap(ignored -> connection.preparedQuery("update log_state set size = $1").execute(Tuple.of(newSize)))
                                    .map(ignored -> new IngestResult(inserts.size(), duplicates, newSize));
                        }));
    }

    /** Validates and canonicalizes the batch; a batch with any invalid event is refused whole. */
    static List<PreparedEntry> prepare(List<JsonNode> events) {
        Map<UUID, PreparedEntry> unique = new LinkedHashMap<>();
        List<Problem.Violation> violations = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            String at = "[" + i + "]";
            if (event == null || !event.isObject()) {
                violations.add(new Problem.Violation(at, "must be an audit event object"));
                continue;
            }
            UUID eventId = uuid(event.path("eventId").asText(null));
            OffsetDateTime occurredAt = timestamp(event.path("occurredAt").asText(null));
            String source = text(event, "source");
            String action = text(event, "action");
            String outcome = text(event, "outcome");
            if (eventId == null) {
                violations.add(new Problem.Violation(at + ".eventId", "must be a UUID"));
            }
            if (occurredAt == null) {
                violations.add(new Problem.Violation(at + ".occurredAt", "must be an ISO-8601 instant"));
            }
            if (source == null || action == null) {
                violations.add(new Problem.Violation(at + ".action", "source and action are required"));
            }
            if (!"ALLOWED".equals(outcome) && !"DENIED".equals(outcome)) {
                violations.add(new Problem.Violation(at + ".outcome", "must be ALLOWED or DENIED"));
            }
            if (eventId == null || occurredAt == null || source == null || action == null || outcome == null) {
                continue;
            }
            String entry = CanonicalJson.string(event);
            JsonNode actor = event.path("actor");
            unique.putIfAbsent(eventId, new PreparedEntry(eventId, entry, leafHash(entry), occurredAt, source, action, outcome,
                    text(actor, "username"), text(actor, "department"), text(event, "ownerDepartment"),
                    text(event, "datasetId"), text(event, "agreementId")));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.badRequest("The batch has invalid events; none was logged", violations);
        }
        return new ArrayList<>(unique.values());
    }

    static byte[] leafHash(String entry) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update((byte) 0);
            return sha256.digest(entry.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.textValue() : null;
    }

    private static UUID uuid(String text) {
        try {
            return text == null ? null : UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static OffsetDateTime timestamp(String text) {
        try {
            return text == null ? null : OffsetDateTime.ofInstant(java.time.Instant.parse(text), ZoneOffset.UTC);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    record PreparedEntry(UUID eventId, String entry, byte[] leafHash, OffsetDateTime occurredAt, String source, String action,
                         String outcome, String actorUsername, String actorDepartment, String ownerDepartment,
                         String datasetId, String agreementId) {

        Tuple toTuple(long index) {
            return Tuple.from(new Object[]{index, eventId, entry, io.vertx.core.buffer.Buffer.buffer(leafHash), occurredAt, source, action,
                    outcome, actorUsername, actorDepartment, ownerDepartment, datasetId, agreementId});
        }
    }
}
