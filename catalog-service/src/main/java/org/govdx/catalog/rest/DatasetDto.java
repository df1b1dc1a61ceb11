package org.govdx.catalog.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.govdx.catalog.domain.DatasetStatus;
import org.govdx.catalog.domain.Frequency;
import org.govdx.catalog.domain.OpenAttribute;
import org.govdx.catalog.domain.Overlap;
import org.govdx.catalog.domain.VersionStatus;
import org.govdx.rules.classification.SharingClass;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A dataset as a caller sees it: the metadata of its current published version (for the owner of a
 * never-published dataset, of its latest version), its lifecycle, quality, overlap warnings and the national
 * catalogue's core items. FORBIDDEN datasets are shown too: metadata only, never values.
 */
@Schema(name = "Dataset")
public record DatasetDto(
        UUID id,
        @Schema(examples = "MCA-RESIDENTS") String code,
        @Schema(examples = "civil-affairs") String ownerDepartment,
        @Schema(examples = "居民户籍登记信息") String titleZh,
        @Schema(examples = "Resident household register") String titleEn,
        String description,
        List<String> keywords,
        @Schema(examples = "RESTRICTED") SharingClass classification,
        @Schema(examples = "PUBLISHED") DatasetStatus status,
        @Schema(description = "The version consumers see; null until first published", examples = "2") Integer currentVersion,
        @Schema(description = "The version this representation shows", examples = "2") int version,
        @Schema(description = "The owner's newest version (owner, platform admin, auditors and services only)", examples = "3") Integer latestVersion,
        @Schema(examples = "DRAFT") VersionStatus latestStatus,
        @Schema(examples = "《政务数据共享条例》") String legalBasis,
        @Schema(examples = "population") String category,
        @Schema(examples = "DAILY") Frequency updateFrequency,
        String sharingConditions,
        OpenAttribute openAttribute,
        DistributionDto distribution,
        @Schema(description = "Hex SHA-256 of the RFC 8785 canonical JSON of the fields array") String schemaHash,
        List<FieldDto> fields,
        QualityDto quality,
        @Schema(description = "Reuse candidates found when the shown version was submitted") Overlap overlap,
        @Schema(description = "A published version waiting for its notice period") Pending pendingVersion,
        @Schema(description = "A scheduled or completed retirement") Retirement retirement,
        ResourceCatalogueDto resourceCatalogue,
        OffsetDateTime publishedAt,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    @Schema(name = "PendingVersion")
    public record Pending(@Schema(examples = "3") int version, @Schema(examples = "SCHEDULED") VersionStatus status, OffsetDateTime effectiveAt) {
    }

    @Schema(name = "Retirement")
    public record Retirement(OffsetDateTime effectiveAt, OffsetDateTime retiredAt, @Schema(examples = "数据由新系统替代") String reason, UUID noticeId) {
    }
}
