package org.govdx.common.events;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The audit-event contract between every govdx service and the audit service (DOMAIN rule 8): one
 * publication, request, signature, decision or data access, allowed or refused. Services write it to their
 * outbox in the same transaction as the change it records; the audit service appends it, exactly once by
 * {@link #eventId}, to the tamper-evident log.
 *
 * @param eventId         unique id, the idempotency key of ingestion
 * @param occurredAt      when the recorded change committed in its service
 * @param source          the emitting service: {@code catalog}, {@code exchange}, {@code audit}
 * @param action          what happened, dotted lower case, e.g. {@code dataset.published}, {@code data.read}
 * @param outcome         whether it was allowed
 * @param actor           who did it
 * @param ownerDepartment the department whose data or resource it concerns
 * @param datasetId       the dataset, if any
 * @param datasetVersion  its version, if any
 * @param agreementId     the agreement or use grant, if any
 * @param fields          the fields concerned (names only, never values)
 * @param reason          why it was refused, or the stated reason of a decision
 * @param traceId         the W3C trace id of the request that caused it
 * @param details         further facts (row counts, hashes, mode); never personal data values
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEvent(UUID eventId, Instant occurredAt, String source, String action, Outcome outcome, Actor actor,
                         String ownerDepartment, String datasetId, Integer datasetVersion, String agreementId,
                         List<String> fields, String reason, String traceId, Map<String, Object> details) {

    public enum Outcome { ALLOWED, DENIED }

    /** The acting person or system, from its token. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Actor(String subject, String username, String department, List<String> roles, String clientId) {
    }
}
