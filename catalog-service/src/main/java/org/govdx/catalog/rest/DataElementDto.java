package org.govdx.catalog.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.govdx.catalog.domain.ElementValidator;
import org.govdx.catalog.domain.Frequency;
import org.govdx.catalog.domain.ValueType;

import java.util.List;

/** A shared data element as the API shows and accepts it. */
@Schema(name = "DataElement", description = "A shared data element: the standard a dataset field maps to (DOMAIN rule 9)")
public record DataElementDto(
        @Schema(description = "Element code", examples = "DE0001")
        @NotBlank @Pattern(regexp = "[A-Z][A-Z0-9_-]{1,31}", message = "upper-case letters, digits, '_' and '-', 2 to 32 characters") String code,
        @Schema(examples = "公民身份号码") @NotBlank @Size(max = 200) String nameZh,
        @Schema(examples = "Resident identity number") @NotBlank @Size(max = 200) String nameEn,
        @Schema(examples = "符合GB 11643的18位公民身份号码。18-character citizen identity number per GB 11643.") @NotBlank @Size(max = 4000) String definition,
        @Schema(examples = "STRING") @NotNull ValueType type,
        @Schema(description = "How values are checked", examples = "RESIDENT_ID") @NotNull ElementValidator validator,
        @Schema(description = "Java regular expression, set exactly when validator is PATTERN", examples = "^H\\\\d{12}$") @Size(max = 500) String pattern,
        @Schema(description = "Allowed values, set exactly when validator is ENUM", examples = "[\"男\",\"女\"]") @Size(max = 500) List<@NotBlank @Size(max = 200) String> enumValues,
        @Schema(examples = "ON_CHANGE") @NotNull Frequency collectionFrequency,
        @Schema(description = "The one department designated as this datum's source (一数一源), or null", examples = "public-security")
        @Size(max = 64) String sourceDepartment,
        @Schema(readOnly = true, description = "Version for If-Match", examples = "0") Integer version) {
}
