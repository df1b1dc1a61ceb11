package org.govdx.catalog.repository;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A page of search hits, and facet counts and the total when they were asked for. */
public record SearchResult(List<Hit> hits, Map<String, Map<String, Long>> facets, Long total) {

    /** One matching dataset version with its latest quality figures and correction counts. */
    public record Hit(UUID datasetId, String code, String ownerDepartment, String titleZh, String titleEn, String summary,
                      String keywordsJson, String classification, String category, String updateFrequency, String status,
                      int version, OffsetDateTime updatedAt, String titleSort, double score,
                      Double completeness, Double validity, Double uniqueness, Long rowCount, OffsetDateTime measuredAt,
                      OffsetDateTime lastUploadAt, long openCorrections, long overdueCorrections, long acceptedCorrections,
                      long rejectedCorrections) {
    }
}
