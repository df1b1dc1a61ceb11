package org.govdx.catalog.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.govdx.catalog.domain.Notice;
import org.govdx.catalog.domain.NoticeRecipient;
import org.govdx.catalog.repository.NoticeRecipientRepository;
import org.govdx.catalog.repository.NoticeRepository;
import org.govdx.common.identity.Caller;
import org.govdx.common.problem.ProblemException;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Notices of retirements and breaking versions: readable by the departments they are addressed to (each sees
 * only its own addressee entries), by the issuing owner, and by the platform admin and auditors.
 */
@ApplicationScoped
public class NoticeService {

    @Inject
    NoticeRepository notices;

    @Inject
    NoticeRecipientRepository recipients;

    /** A notice with the addressee entries the caller may see. */
    public record NoticeRead(Notice notice, List<NoticeRecipient> recipients) {
    }

    @WithSession
    public Uni<Page<NoticeRead>> list(Caller caller, String cursor, int limit) {
        Map<String, Object> after = Cursors.decode(cursor);
        OffsetDateTime at = null;
        UUID afterId = null;
        if (after != null) {
            try {
                at = OffsetDateTime.parse(Cursors.string(after, "at"));
                afterId = UUID.fromString(Cursors.string(after, "id"));
            } catch (RuntimeException e) {
                throw ProblemException.invalidField("cursor", "not a cursor this service issued");
            }
        }
        boolean all = Access.readsEverything(caller);
        if (!all && caller.department() == null) {
            return Uni.createFrom().item(new Page<>(List.of(), null));
        }
        return notices.page(all ? null : caller.department(), at, afterId, limit + 1).flatMap(list -> {
            boolean more = list.size() > limit;
            List<Notice> items = more ? list.subList(0, limit) : list;
            Notice last = items.isEmpty() ? null : items.get(items.size() - 1);
            String next = more ? Cursors.encode(Map.of("at", last.issuedAt.toString(), "id", last.id.toString())) : null;
            return recipients.ofNotices(items.stream().map(n -> n.id).toList()).map(rows -> {
                Map<UUID, List<NoticeRecipient>> byNotice = rows.stream().collect(Collectors.groupingBy(r -> r.noticeId));
                return new Page<>(items.stream().map(n -> read(caller, n, byNotice.getOrDefault(n.id, List.of()))).toList(), next);
            });
        });
    }

    @WithSession
    public Uni<NoticeRead> get(Caller caller, UUID id) {
        return notices.findById(id).flatMap(n -> {
            if (n == null) {
                throw ProblemException.notFound("No notice " + id);
            }
            return recipients.ofNotices(List.of(id)).map(rows -> {
                boolean addressed = rows.stream().anyMatch(r -> caller.belongsTo(r.department));
                if (!(Access.readsEverything(caller) || caller.belongsTo(n.ownerDepartment) || addressed)) {
                    throw ProblemException.notFound("No notice " + id);
                }
                return read(caller, n, rows);
            });
        });
    }

    private static NoticeRead read(Caller caller, Notice n, List<NoticeRecipient> rows) {
        boolean seesAll = Access.readsEverything(caller) || caller.belongsTo(n.ownerDepartment);
        return new NoticeRead(n, seesAll ? rows : rows.stream().filter(r -> caller.belongsTo(r.department)).toList());
    }
}
