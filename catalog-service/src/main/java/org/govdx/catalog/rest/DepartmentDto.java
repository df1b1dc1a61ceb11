package org.govdx.catalog.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A department as the API shows and accepts it. */
@Schema(name = "Department", description = "A department that publishes and consumes data")
public record DepartmentDto(
        @Schema(description = "Department code, the `department` claim of its tokens", examples = "civil-affairs")
        @NotBlank @Pattern(regexp = "[a-z][a-z0-9-]{1,63}", message = "lower-case letters, digits and '-', 2 to 64 characters") String code,
        @Schema(examples = "民政局") @NotBlank @Size(max = 200) String nameZh,
        @Schema(examples = "Civil Affairs Bureau") @NotBlank @Size(max = 200) String nameEn,
        @Schema(readOnly = true, description = "Version for If-Match") Integer version) {
}
