package org.govdx.catalog.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;

/** A dataset version's quality (DOMAIN rules 10 and 12). */
@Schema(name = "Quality", description = "Latest measured figures (0..1), derived timeliness, and correction reports")
public record QualityDto(
        @Schema(description = "The dataset version measured", examples = "1") int version,
        @Schema(examples = "0.965") Double completeness,
        @Schema(examples = "0.99") Double validity,
        @Schema(examples = "1.0") Double uniqueness,
        @Schema(examples = "1500") Long rowCount,
        @Schema(examples = "2026-11-20T08:00:00Z") OffsetDateTime measuredAt,
        @Schema(examples = "2026-11-20T07:55:00Z") OffsetDateTime lastUploadAt,
        @Schema(description = "1 while the last upload is within the declared update interval, then interval/age; null for ON_CHANGE or IRREGULAR datasets",
                examples = "1.0") Double timeliness,
        @Schema(description = "Whether the last upload is older than the declared update interval", examples = "false") Boolean stale,
        @Schema(description = "Correction reports on the dataset") Corrections corrections) {

    @Schema(name = "CorrectionCounts")
    public record Corrections(@Schema(examples = "1") long open, @Schema(examples = "0") long overdue,
                              @Schema(examples = "3") long accepted, @Schema(examples = "1") long rejected) {
    }
}
