package org.govdx.catalog.rest;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;

/** Quality figures of a dataset version, as the exchange service measured them on the uploaded data. */
@Schema(name = "QualityInput")
public record QualityInput(
        @Schema(description = "Share of required cells filled", examples = "0.965") @NotNull @DecimalMin("0") @DecimalMax("1") Double completeness,
        @Schema(description = "Share of cells valid against their data elements", examples = "0.99") @NotNull @DecimalMin("0") @DecimalMax("1") Double validity,
        @Schema(description = "Share of rows with a unique key", examples = "1.0") @NotNull @DecimalMin("0") @DecimalMax("1") Double uniqueness,
        @Schema(examples = "1500") @NotNull @Min(0) Long rowCount,
        @Schema(examples = "2026-11-20T08:00:00Z") @NotNull OffsetDateTime measuredAt,
        @Schema(description = "When data was last uploaded; timeliness uses it (else measuredAt)", examples = "2026-11-20T07:55:00Z") OffsetDateTime lastUploadAt) {
}
