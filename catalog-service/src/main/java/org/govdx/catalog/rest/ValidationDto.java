package org.govdx.catalog.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** Whether a value (or every value of a batch) is valid for a data element, and why not. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Validation", description = "The outcome of checking a value against a data element")
public record ValidationDto(
        @Schema(examples = "DE0001") String dataElement,
        @Schema(examples = "false") boolean valid,
        @Schema(description = "The value in normalised form, when valid", examples = "11010519491231002X") String normalised,
        @Schema(description = "Why it is invalid: EMPTY, WRONG_TYPE, INVALID_DATE, NOT_IN_ENUMERATION, PATTERN_MISMATCH, TOO_LONG, or a sharing-rules identifier reason such as CHECK_CHARACTER_MISMATCH",
                examples = "CHECK_CHARACTER_MISMATCH") String reason,
        @Schema(description = "A message fit for a user; it never repeats the value", examples = "the check character does not match") String message,
        @Schema(description = "Batch only: how many values are invalid", examples = "1") Integer invalidCount,
        @Schema(description = "Batch only: one outcome per value, in order") List<ValidationDto> results) {
}
