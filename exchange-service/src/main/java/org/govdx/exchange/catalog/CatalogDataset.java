package org.govdx.exchange.catalog;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the exchange needs to know of one version of a catalog dataset, as the catalog service publishes it
 * ({@code GET /api/catalog/datasets/{id}} and {@code .../versions/{version}}).
 */
public record CatalogDataset(UUID id, String code, String titleZh, String titleEn, String ownerDepartment, String datasetStatus,
                             int currentVersion, int version, String versionStatus, String classification, String legalBasis,
                             String schemaHash, String distributionMode, List<Field> fields) {

    /** One field of the version's schema. */
    public record Field(String name, String titleZh, String type, String dataElement, String fieldClass, String defaultMasking, boolean key) {
    }

    public Optional<Field> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    public String title() {
        return titleZh == null ? (titleEn == null ? code : titleEn) : titleZh;
    }
}
