package org.govdx.audit.domain;

/** The coordinator row: the log's size and the Merkle root of its first {@code size} entries ({@code null} before the tree is built). */
public record LogState(long size, byte[] rootHash) {
}
