package org.govdx.catalog.domain;

import org.govdx.rules.classification.SharingClass;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Reuse candidates found when a version was submitted (DOMAIN rule 11, one source for one datum): published
 * datasets of other departments that cover the same data elements or have similar fields.
 */
public record Overlap(OffsetDateTime checkedAt, List<Candidate> candidates) {

    /**
     * @param score share (0..1) of the submitted fields that this dataset already covers
     */
    public record Candidate(UUID datasetId, String code, String ownerDepartment, String titleZh, String titleEn,
                            SharingClass classification, int version, double score, List<String> sharedDataElements,
                            List<FieldMatch> similarFields) {
    }

    /** A submitted field and the existing field it resembles. */
    public record FieldMatch(String field, String existingField, String existingTitleZh, double similarity, String dataElement) {
    }
}
