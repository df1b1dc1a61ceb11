package org.govdx.catalog.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.govdx.catalog.domain.CorrectionStatus;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** A correction report and its answer, as both the reporting and the providing department see it. */
@Schema(name = "Correction")
public record CorrectionDto(
        UUID id,
        UUID datasetId,
        @Schema(examples = "MCA-RESIDENTS") String datasetCode,
        @Schema(examples = "1") int datasetVersion,
        @Schema(examples = "civil-affairs") String ownerDepartment,
        @Schema(examples = "hrss") String reporterDepartment,
        Map<String, String> recordKey,
        @Schema(examples = "mobile") String field,
        String proposedValue,
        String evidence,
        @Schema(examples = "OPEN") CorrectionStatus status,
        @Schema(examples = "hrss-steward") String reportedBy,
        OffsetDateTime reportedAt,
        @Schema(description = "Answer due by (5 working days, exchange calendar)", examples = "2026-11-30") LocalDate dueDate,
        @Schema(examples = "false") boolean overdue,
        Answer answer,
        @Schema(description = "Version for If-Match", examples = "0") int lockVersion) {

    @Schema(name = "CorrectionOutcome")
    public record Answer(@Schema(examples = "REJECTED") CorrectionStatus outcome, String reason,
                         @Schema(examples = "civil-affairs-steward") String answeredBy, OffsetDateTime answeredAt,
                         @Schema(description = "Whether it was answered by the due date", examples = "true") boolean onTime) {
    }
}
