package org.govdx.catalog.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.govdx.catalog.domain.Dataset;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class DatasetRepository implements PanacheRepositoryBase<Dataset, UUID> {

    public Uni<Dataset> findByCode(String code) {
        return find("code", code).firstResult();
    }

    /**
     * Ids of datasets whose scheduled version or retirement is due, locked for this transaction and skipped
     * when another replica holds them.
     */
    public Uni<List<UUID>> lockDue(OffsetDateTime now, int limit) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select cast(id as text) from dataset where pending_effective_at <= :now "
                                + "or (retire_effective_at <= :now and retired_at is null) order by id limit :limit for update skip locked", String.class)
                .setParameter("now", now).setParameter("limit", limit).getResultList())
                .map(ids -> ids.stream().map(UUID::fromString).toList());
    }
}
