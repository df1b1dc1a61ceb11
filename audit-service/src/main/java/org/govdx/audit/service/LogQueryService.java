package org.govdx.audit.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.govdx.audit.repository.LogEntryQuery;
import org.govdx.audit.repository.LogEntryRepository;
import org.govdx.common.identity.Caller;
import org.govdx.common.identity.Roles;

import java.util.HexFormat;
import java.util.List;

/** Who reads what (issue: auditors and the platform admin everything, a CDO its own department's). */
@ApplicationScoped
public class LogQueryService {

    @Inject
    LogEntryRepository entries;

    public record Entry(long index, String leafHash, JsonNode event) {
    }

    public record Page(List<Entry> items, String nextCursor, long logSize) {
    }

    public Uni<Page> search(Caller caller, LogEntryQuery query) {
        boolean seesAll = caller.hasRole(Roles.AUDITOR) || caller.hasRole(Roles.PLATFORM_ADMIN);
        LogEntryQuery scoped = seesAll ? query : new LogEntryQuery(query.from(), query.to(), query.actor(), query.actorDepartment(),
                query.ownerDepartment(), query.dataset(), query.agreement(), query.action(), query.outcome(), caller.department(),
                query.afterIndex(), query.limit());
        return entries.find(scoped).flatMap(found -> entries.size().map(size -> {
            List<Entry> items = found.stream()
                    .map(e -> new Entry(e.index(), HexFormat.of().formatHex(e.leafHash()), e.event()))
                    .toList();
            String next = items.size() == query.limit() ? Long.toString(items.get(items.size() - 1).index()) : null;
            return new Page(items, next, size);
        }));
    }
}
