package org.govdx.audit.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.govdx.audit.repository.LogEntryQuery;
import org.govdx.audit.repository.LogEntryRepository;
import org.govdx.common.identity.Caller;

import java.util.HexFormat;
import java.util.List;

/** Searches the log: auditors and the platform admin everything, a CDO its own department's (see {@link AuditAccess}). */
@ApplicationScoped
public class LogQueryService {

    @Inject
    LogEntryRepository entries;

    @Inject
    AuditAccess access;

    public record Entry(long index, String leafHash, JsonNode event) {
    }

    public record Page(List<Entry> items, String nextCursor, long logSize) {
    }

    public Uni<Page> search(Caller caller, LogEntryQuery query) {
        return access.query(caller, "entries.search", query.filters()).flatMap(grant -> {
            LogEntryQuery scoped = query.visibleTo(grant.visibleToDepartment());
            return entries.find(scoped).flatMap(found -> entries.size().map(size -> {
                List<Entry> items = found.stream()
                        .map(e -> new Entry(e.index(), HexFormat.of().formatHex(e.leafHash()), e.event()))
                        .toList();
                String next = items.size() == query.limit() ? Long.toString(items.get(items.size() - 1).index()) : null;
                return new Page(items, next, size);
            }));
        });
    }
}
