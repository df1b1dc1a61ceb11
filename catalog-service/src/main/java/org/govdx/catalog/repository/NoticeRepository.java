package org.govdx.catalog.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.govdx.catalog.domain.Notice;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class NoticeRepository implements PanacheRepositoryBase<Notice, UUID> {

    /**
     * Notices newest first, after the keyset position ({@code beforeIssuedAt}, {@code beforeId}); those a
     * department issued or is addressed by, or every notice when {@code department} is null.
     */
    public Uni<List<Notice>> page(String department, OffsetDateTime beforeIssuedAt, UUID beforeId, int limit) {
        String visible = department == null ? "true = true"
                : "(ownerDepartment = :department or id in (select r.noticeId from NoticeRecipient r where r.department = :department))";
        String keyset = beforeIssuedAt == null ? "" : " and (issuedAt < :at or (issuedAt = :at and id < :id))";
        var query = find(visible + keyset + " order by issuedAt desc, id desc",
                params(department, beforeIssuedAt, beforeId));
        return query.page(0, limit).list();
    }

    private static io.quarkus.panache.common.Parameters params(String department, OffsetDateTime at, UUID id) {
        io.quarkus.panache.common.Parameters p = new io.quarkus.panache.common.Parameters();
        if (department != null) {
            p = p.and("department", department);
        }
        if (at != null) {
            p = p.and("at", at).and("id", id);
        }
        return p;
    }
}
