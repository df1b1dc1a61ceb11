package org.govdx.audit.domain;

/** What an ingest did: how many new entries, how many were already logged, and the log size after its commit. */
public record IngestResult(int appended, int duplicates, long size) {
}
