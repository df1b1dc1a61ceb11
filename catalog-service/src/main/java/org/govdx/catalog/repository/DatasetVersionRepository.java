package org.govdx.catalog.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.govdx.catalog.domain.DatasetVersion;
import org.govdx.catalog.domain.VersionStatus;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class DatasetVersionRepository implements PanacheRepositoryBase<DatasetVersion, UUID> {

    public Uni<DatasetVersion> find(UUID datasetId, int version) {
        return find("datasetId = ?1 and version = ?2", datasetId, version).firstResult();
    }

    /** Up to {@code limit} versions with a number above {@code after}, optionally only those in {@code statuses}. */
    public Uni<List<DatasetVersion>> page(UUID datasetId, int after, Collection<VersionStatus> statuses, int limit) {
        return (statuses == null
                ? find("datasetId = ?1 and version > ?2 order by version", datasetId, after)
                : find("datasetId = ?1 and version > ?2 and status in ?3 order by version", datasetId, after, List.copyOf(statuses)))
                .page(0, limit).list();
    }
}
