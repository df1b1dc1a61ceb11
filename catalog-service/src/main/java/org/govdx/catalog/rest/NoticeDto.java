package org.govdx.catalog.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.govdx.catalog.domain.NoticeKind;
import org.govdx.catalog.domain.VersionChanges;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A notice to consumer departments before a retirement or a breaking version takes effect. */
@Schema(name = "Notice")
public record NoticeDto(
        UUID id,
        UUID datasetId,
        @Schema(examples = "MCA-RESIDENTS") String datasetCode,
        @Schema(examples = "civil-affairs") String ownerDepartment,
        @Schema(examples = "RETIREMENT") NoticeKind kind,
        @Schema(description = "The version consumers use now", examples = "1") Integer fromVersion,
        @Schema(description = "The version that replaces it (breaking versions)", examples = "2") Integer toVersion,
        @Schema(description = "When the change takes effect") OffsetDateTime effectiveAt,
        @Schema(examples = "false") boolean emergency,
        @Schema(examples = "数据由新的人口基础库替代") String reason,
        VersionChanges changes,
        @Schema(examples = "civil-affairs-cdo") String issuedBy,
        OffsetDateTime issuedAt,
        @Schema(description = "Addressees; a consumer department sees its own entries only") List<Recipient> recipients) {

    @Schema(name = "NoticeRecipient")
    public record Recipient(@Schema(examples = "hrss") String department, @Schema(examples = "a1b2c3") String agreementId,
                            @Schema(examples = "1") Integer datasetVersion) {
    }
}
