package org.govdx.catalog.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.govdx.catalog.domain.Frequency;
import org.govdx.catalog.domain.OpenAttribute;
import org.govdx.rules.classification.SharingClass;

import java.util.List;

/**
 * A dataset draft, in the shape of the demo catalog's {@code seeds/catalog/datasets/*.json} ({@code dataFile}
 * is accepted and ignored). {@code code} and {@code ownerDepartment} are required on creation; on a draft
 * update they may be left out, and must not differ.
 */
@Schema(name = "DatasetInput")
public record DatasetInput(
        @Schema(description = "Unique human code", examples = "MCA-RESIDENTS")
        @Size(max = 64) @Pattern(regexp = "[A-Z][A-Z0-9]*(-[A-Z0-9]+)*", message = "upper-case letters and digits in '-'-separated parts, e.g. MCA-RESIDENTS") String code,
        @Schema(examples = "civil-affairs") @Size(max = 64) String ownerDepartment,
        @Schema(examples = "居民户籍登记信息") @NotBlank @Size(max = 200) String titleZh,
        @Schema(examples = "Resident household register") @NotBlank @Size(max = 200) String titleEn,
        @Schema(examples = "苏州市户籍居民的登记信息。Household register of Suzhou's registered residents.") @NotNull @Size(max = 4000) String description,
        @Schema(examples = "[\"户籍\",\"居民\",\"household register\"]") @Size(max = 30) List<@NotBlank @Size(max = 50) String> keywords,
        @Schema(description = "Subject category", examples = "population") @NotBlank @Size(max = 64) String category,
        @Schema(examples = "DAILY") @NotNull Frequency updateFrequency,
        @Schema(description = "Required when the dataset or any field is RESTRICTED or FORBIDDEN", examples = "《中华人民共和国个人信息保护法》第十三条；《政务数据共享条例》")
        @Size(max = 4000) String legalBasis,
        @Schema(examples = "RESTRICTED") @NotNull SharingClass classification,
        @Schema(description = "HOSTED or PROXIED, as a string or an object {mode, endpoint}") @NotNull @Valid DistributionDto distribution,
        @Schema(hidden = true) @Size(max = 500) String dataFile,
        @Schema(description = "Sharing conditions (共享条件) for the national catalogue; a default text by class when absent") @Size(max = 2000) String sharingConditions,
        @Schema(description = "Open attribute (开放属性), default NOT_OPEN", examples = "NOT_OPEN") OpenAttribute openAttribute,
        @Schema(description = "1 to 200 fields") @NotNull @Size(min = 1, max = 200) List<@NotNull @Valid FieldDto> fields) {
}
