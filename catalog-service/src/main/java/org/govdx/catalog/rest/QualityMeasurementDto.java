package org.govdx.catalog.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;

/** One recorded measurement in a version's quality history. */
@Schema(name = "QualityMeasurement")
public record QualityMeasurementDto(
        @Schema(examples = "1") int version,
        @Schema(examples = "0.965") double completeness,
        @Schema(examples = "0.99") double validity,
        @Schema(examples = "1.0") double uniqueness,
        @Schema(examples = "1500") long rowCount,
        @Schema(examples = "2026-11-20T08:00:00Z") OffsetDateTime measuredAt,
        OffsetDateTime lastUploadAt,
        OffsetDateTime recordedAt,
        @Schema(examples = "govdx-internal") String recordedBy) {
}
