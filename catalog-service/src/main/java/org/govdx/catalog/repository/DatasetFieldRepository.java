package org.govdx.catalog.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.govdx.catalog.domain.DatasetField;

import java.util.UUID;

@ApplicationScoped
public class DatasetFieldRepository implements PanacheRepositoryBase<DatasetField, Long> {

    public Uni<Long> deleteVersion(UUID datasetId, int version) {
        return delete("datasetId = ?1 and version = ?2", datasetId, version);
    }
}
