package org.govdx.exchange.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.govdx.rules.classification.AccessMode;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A step on a request: the reason (required to send back, return, reject, fail, decline and approve with
 * changes) and, for an approval with changes, the narrowed terms (only what changes).
 */
@Schema(name = "Decision")
public record Decision(
        @Schema(examples = "字段超出最小必要范围 the fields exceed what the purpose needs") @Size(max = 2000) String reason,
        @Valid Changes changes) {

    /** Narrowed terms: each present member replaces the requested one; widening is refused. */
    @Schema(name = "TermChanges")
    public record Changes(@Size(max = 200) List<String> fields, Map<String, String> masking, AccessMode accessMode,
                          @Size(max = 2000) String rowFilter, LocalDate termStart, LocalDate termEnd, Long dailyRowQuota,
                          Long expectedVolume, Integer retentionDays, Integer minGroupSize, List<String> authorisedUsers) {
    }
}
