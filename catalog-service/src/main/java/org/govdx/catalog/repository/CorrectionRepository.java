package org.govdx.catalog.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.govdx.catalog.domain.Correction;
import org.govdx.catalog.domain.CorrectionStatus;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class CorrectionRepository implements PanacheRepositoryBase<Correction, UUID> {

    /** Counts of one dataset's reports: open, open and overdue on {@code today}, accepted, rejected. */
    public Uni<long[]> counts(UUID datasetId, LocalDate today) {
        return getSession().chain(session -> session.createQuery(
                        "select count(case when c.status = :open then 1 end), "
                                + "count(case when c.status = :open and c.dueDate < :today then 1 end), "
                                + "count(case when c.status = :accepted then 1 end), "
                                + "count(case when c.status = :rejected then 1 end) from Correction c where c.datasetId = :dataset", Object[].class)
                .setParameter("open", CorrectionStatus.OPEN).setParameter("accepted", CorrectionStatus.ACCEPTED)
                .setParameter("rejected", CorrectionStatus.REJECTED).setParameter("today", today).setParameter("dataset", datasetId)
                .getSingleResult())
                .map(row -> new long[]{((Number) row[0]).longValue(), ((Number) row[1]).longValue(), ((Number) row[2]).longValue(), ((Number) row[3]).longValue()});
    }

    /**
     * Reports newest first after the keyset position, visible to {@code department} (as reporter or provider),
     * or all when it is null; optionally of one dataset and in one status.
     */
    public Uni<List<Correction>> page(String department, UUID datasetId, CorrectionStatus status,
                                      OffsetDateTime beforeAt, UUID beforeId, int limit) {
        StringBuilder where = new StringBuilder("true = true");
        Parameters p = new Parameters();
        if (department != null) {
            where.append(" and (reporterDepartment = :department or ownerDepartment = :department)");
            p = p.and("department", department);
        }
        if (datasetId != null) {
            where.append(" and datasetId = :dataset");
            p = p.and("dataset", datasetId);
        }
        if (status != null) {
            where.append(" and status = :status");
            p = p.and("status", status);
        }
        if (beforeAt != null) {
            where.append(" and (reportedAt < :at or (reportedAt = :at and id < :id))");
            p = p.and("at", beforeAt).and("id", beforeId);
        }
        return find(where + " order by reportedAt desc, id desc", p).page(0, limit).list();
    }
}
