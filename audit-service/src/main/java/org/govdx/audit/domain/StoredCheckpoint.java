package org.govdx.audit.domain;

import java.time.OffsetDateTime;

/** A signed checkpoint as stored: the tree size, its root, the signed note served to clients, and when it was signed. */
public record StoredCheckpoint(long treeSize, byte[] rootHash, String note, OffsetDateTime createdAt) {
}
