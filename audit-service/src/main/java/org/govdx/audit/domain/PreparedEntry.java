package org.govdx.audit.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An audit event ready to be logged: validated, in RFC 8785 canonical JSON (the text that is hashed and kept
 * forever), with its RFC 6962 leaf hash and the columns the auditors' queries filter on.
 */
public record PreparedEntry(UUID eventId, String entry, byte[] leafHash, OffsetDateTime occurredAt, String source, String action,
                            String outcome, String actorUsername, String actorDepartment, String ownerDepartment,
                            String datasetId, String agreementId) {
}
