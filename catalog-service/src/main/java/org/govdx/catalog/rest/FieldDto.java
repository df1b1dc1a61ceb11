package org.govdx.catalog.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.govdx.catalog.domain.ValueType;
import org.govdx.rules.classification.SharingClass;

/**
 * One field of a dataset version. On output, the list of these in RFC 8785 canonical form is what
 * {@code schemaHash} covers.
 */
@Schema(name = "Field")
public record FieldDto(
        @Schema(description = "Identifier: lower-case letters, digits and '_'", examples = "resident_id") @NotBlank @Size(max = 63) String name,
        @Schema(examples = "公民身份号码") @NotBlank @Size(max = 200) String titleZh,
        @Schema(examples = "Resident identity number") @NotBlank @Size(max = 200) String titleEn,
        @Schema(examples = "STRING") @NotNull ValueType type,
        @Schema(description = "The data element the field maps to, or null", examples = "DE0001") @Size(max = 32) String dataElement,
        @Schema(description = "The field's own class (DOMAIN rule 2)", examples = "RESTRICTED") @NotNull SharingClass fieldClass,
        @Schema(description = "Default masking in sharing-rules' compact form (resident_id, partial(first=1,last=4), generalize(date:year), ...); "
                + "the demo catalog's hyphenated names (resident-id, date-to-year, number-band(width=1000)) are accepted and stored canonically. "
                + "Defaults to none for OPEN fields and redact otherwise.", examples = "resident_id") @Size(max = 100) String defaultMasking,
        @Schema(description = "Part of the record key", examples = "true") boolean key,
        @Schema(examples = "true") boolean required) {
}
