package org.govdx.exchange.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.govdx.rules.classification.AccessMode;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An access request as the consumer's steward drafts it (DOMAIN rule 5). */
@Schema(name = "RequestDraft", description = "What a consumer department asks for: dataset, fields, purpose, legal basis, mode, filter, term, volume, retention and named users")
public record RequestDraft(
        @Schema(description = "Catalog dataset id") @NotNull UUID datasetId,
        @Schema(description = "Dataset version; the current published one when omitted", examples = "1") Integer datasetVersion,
        @Schema(examples = "[\"resident_id\", \"name\", \"district_code\"]") @NotEmpty @Size(max = 200) List<@NotNull @Size(max = 63) String> fields,
        @Schema(description = "Masking per field overriding the field's default (sharing-rules syntax; `none` asks for clear)", examples = "{\"name\": \"chinese_name\"}")
        Map<@Size(max = 63) String, @Size(max = 64) String> masking,
        @Schema(description = "A purpose of the controlled list", examples = "SOCIAL_ASSISTANCE_ELIGIBILITY") @NotNull @Size(max = 64) String purpose,
        @Schema(description = "The usage scenario", examples = "核对低保申请人户籍信息 verify the household registration of minimum-living-allowance applicants") @NotNull @Size(min = 1, max = 2000) String purposeDetail,
        @Schema(examples = "《社会救助暂行办法》第十一条") @Size(max = 1000) String legalBasis,
        @Schema(examples = "VIEW") @NotNull AccessMode accessMode,
        @Schema(description = "Row filter over requested fields", examples = "district_code = '320505'") @Size(max = 2000) String rowFilter,
        @Schema(examples = "2026-12-01") @NotNull LocalDate termStart,
        @Schema(examples = "2027-11-30") @NotNull LocalDate termEnd,
        @Schema(description = "Rows per day the consumer may read (VIEW, EXTRACT)", examples = "5000") @Min(0) @Max(100_000_000) Long dailyRowQuota,
        @Schema(description = "Rows per day the consumer expects to read", examples = "800") @Min(0) @Max(100_000_000) Long expectedVolume,
        @Schema(description = "Days the consumer keeps what it obtained", examples = "90") @NotNull @Min(1) @Max(36_500) Integer retentionDays,
        @Schema(description = "AGGREGATE: smallest group shown", examples = "10") @Min(1) @Max(100_000) Integer minGroupSize,
        @Schema(description = "People (usernames) or department systems (client ids) allowed to use the data", examples = "[\"civil-affairs-steward\", \"civil-affairs-system\"]")
        @NotEmpty @Size(max = 100) List<@NotNull @Size(max = 100) String> authorisedUsers,
        @Schema(description = "Case or file reference of the business need", examples = "民政〔2026〕12号") @Size(max = 200) String caseReference,
        @Schema(description = "The agreement this request amends; approval supersedes it") UUID amendsAgreementId) {
}
