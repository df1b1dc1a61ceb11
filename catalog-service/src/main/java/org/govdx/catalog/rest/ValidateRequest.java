package org.govdx.catalog.rest;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** One value, or a batch of up to 1000 values, to check against a data element. */
@Schema(name = "ValidateRequest", description = "Send value (one) or values (a batch of up to 1000)")
public record ValidateRequest(
        @Schema(examples = "11010519491231002X") @Size(max = 4000) String value,
        @Schema(examples = "[\"11010519491231002X\",\"110105194912310021\"]") @Size(max = 1000) List<@Size(max = 4000) String> values) {
}
