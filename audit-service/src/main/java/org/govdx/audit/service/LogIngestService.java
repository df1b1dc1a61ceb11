package org.govdx.audit.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.govdx.audit.domain.IngestResult;
import org.govdx.audit.domain.PreparedEntry;
import org.govdx.common.events.AuditEvent;
import org.govdx.common.json.CanonicalJson;
import org.govdx.common.problem.Problem;
import org.govdx.common.problem.ProblemException;
import org.govdx.tlog.MerkleHashes;
import org.govdx.tlog.Tiles;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Validates and canonicalises producers' batches and hands them to the {@link LogSequencer}, which appends them
 * exactly once per event id (already logged ids count as duplicates) and answers only after their commit.
 */
@ApplicationScoped
public class LogIngestService {

    /** The largest entry a C2SP entry bundle can hold (a big-endian uint16 length prefix). */
    static final int MAX_ENTRY_BYTES = Tiles.MAX_ENTRY_SIZE;

    @Inject
    LogSequencer sequencer;

    @Inject
    ObjectMapper mapper;

    public Uni<IngestResult> ingest(List<JsonNode> events) {
        List<PreparedEntry> prepared;
        try {
            prepared = prepare(events);
        } catch (ProblemException e) {
            return Uni.createFrom().failure(e);
        }
        return sequencer.append(prepared);
    }

    /** Appends one event of the audit service itself (e.g. audit.queried) through the same sequencer. */
    public Uni<IngestResult> append(AuditEvent event) {
        return ingest(List.of(mapper.valueToTree(event)));
    }

    /** Validates and canonicalizes the batch; a batch with any invalid event is refused whole. */
    static List<PreparedEntry> prepare(List<JsonNode> events) {
        Map<UUID, PreparedEntry> unique = new LinkedHashMap<>();
        List<Problem.Violation> violations = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = withoutNul(events.get(i));
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
            byte[] bytes = entry.getBytes(StandardCharsets.UTF_8);
            if (bytes.length > MAX_ENTRY_BYTES) {
                violations.add(new Problem.Violation(at, "is " + bytes.length + " bytes in canonical JSON; at most " + MAX_ENTRY_BYTES + " are allowed"));
                continue;
            }
            JsonNode actor = event.path("actor");
            unique.putIfAbsent(eventId, new PreparedEntry(eventId, entry, MerkleHashes.leafHash(bytes), occurredAt, source, action, outcome,
                    text(actor, "username"), text(actor, "department"), text(event, "ownerDepartment"),
                    text(event, "datasetId"), text(event, "agreementId")));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.badRequest("The batch has invalid events; none was logged", violations);
        }
        return new ArrayList<>(unique.values());
    }

    /**
     * The event with every U+0000 (in values and names) replaced by U+FFFD: PostgreSQL text and jsonb cannot hold it, and
     * one such event (a refused request quoting a caller's input) must not stall its whole batch and every later one.
     */
    static JsonNode withoutNul(JsonNode node) {
        if (node == null || !containsNul(node)) {
            return node; // the usual case: no copy
        }
        return replaceNul(node);
    }

    private static boolean containsNul(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue().indexOf('\u0000') >= 0;
        }
        if (node.isObject()) {
            for (var it = node.fields(); it.hasNext(); ) {
                var field = it.next();
                if (field.getKey().indexOf('\u0000') >= 0 || containsNul(field.getValue())) {
                    return true;
                }
            }
            return false;
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (containsNul(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static JsonNode replaceNul(JsonNode node) {
        if (node.isTextual()) {
            String text = node.textValue();
            return text.indexOf('\u0000') < 0 ? node : com.fasterxml.jackson.databind.node.TextNode.valueOf(text.replace('\u0000', '\uFFFD'));
        }
        if (node.isObject()) {
            com.fasterxml.jackson.databind.node.ObjectNode copy = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey().replace('\u0000', '\uFFFD'), replaceNul(e.getValue())));
            return copy;
        }
        if (node.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode copy = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
            node.forEach(e -> copy.add(replaceNul(e)));
            return copy;
        }
        return node;
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
}
