package org.govdx.catalog.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.govdx.catalog.domain.Frequency;
import org.govdx.catalog.domain.OpenAttribute;
import org.govdx.catalog.domain.Overlap;
import org.govdx.catalog.domain.VersionChanges;
import org.govdx.catalog.domain.VersionStatus;
import org.govdx.rules.classification.SharingClass;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * One version of a dataset: what an agreement names. Published versions stay readable after a newer version
 * took effect (status SUPERSEDED) or the dataset was retired.
 */
@Schema(name = "DatasetVersion")
public record VersionDto(
        UUID datasetId,
        @Schema(examples = "MCA-RESIDENTS") String code,
        @Schema(examples = "2") int version,
        @Schema(examples = "PUBLISHED") VersionStatus status,
        @Schema(examples = "civil-affairs") String ownerDepartment,
        @Schema(examples = "居民户籍登记信息") String titleZh,
        @Schema(examples = "Resident household register") String titleEn,
        String description,
        List<String> keywords,
        @Schema(examples = "population") String category,
        @Schema(examples = "DAILY") Frequency updateFrequency,
        @Schema(examples = "RESTRICTED") SharingClass classification,
        @Schema(examples = "《政务数据共享条例》") String legalBasis,
        String sharingConditions,
        @Schema(examples = "NOT_OPEN") OpenAttribute openAttribute,
        @Schema(description = "Hex SHA-256 of the RFC 8785 canonical JSON of the fields array", examples = "3f0c...e9") String schemaHash,
        List<FieldDto> fields,
        DistributionDto distribution,
        @Schema(examples = "civil-affairs-steward") String createdBy,
        OffsetDateTime createdAt,
        @Schema(examples = "civil-affairs-steward") String submittedBy,
        OffsetDateTime submittedAt,
        @Schema(examples = "civil-affairs-cdo") String publishedBy,
        OffsetDateTime publishedAt,
        @Schema(description = "When it became (or becomes, for SCHEDULED) the current version") OffsetDateTime effectiveAt,
        OffsetDateTime supersededAt,
        OffsetDateTime retiredAt,
        @Schema(description = "The last rejection, if any") Rejection rejection,
        @Schema(description = "Reuse candidates found at submission (one source for one datum)") Overlap overlap,
        @Schema(description = "What this version changes against the one it replaces") VersionChanges changes) {

    @Schema(name = "Rejection")
    public record Rejection(@Schema(examples = "civil-affairs-cdo") String by, OffsetDateTime at,
                            @Schema(examples = "民族字段须标注为不予共享") String reason) {
    }
}
