package org.govdx.catalog.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.govdx.catalog.domain.QualityMeasurement;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class QualityRepository implements PanacheRepositoryBase<QualityMeasurement, UUID> {

    public Uni<QualityMeasurement> latest(UUID datasetId, int version) {
        return find("datasetId = ?1 and version = ?2 order by measuredAt desc", datasetId, version).firstResult();
    }

    public Uni<QualityMeasurement> at(UUID datasetId, int version, OffsetDateTime measuredAt) {
        return find("datasetId = ?1 and version = ?2 and measuredAt = ?3", datasetId, version, measuredAt).firstResult();
    }

    /** Measurements newest first, strictly before {@code before} (null: from the newest). */
    public Uni<List<QualityMeasurement>> history(UUID datasetId, int version, OffsetDateTime before, int limit) {
        return (before == null
                ? find("datasetId = ?1 and version = ?2 order by measuredAt desc", datasetId, version)
                : find("datasetId = ?1 and version = ?2 and measuredAt < ?3 order by measuredAt desc", datasetId, version, before))
                .page(0, limit).list();
    }
}
