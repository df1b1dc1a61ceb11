package org.govdx.catalog.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.govdx.catalog.domain.CorrectionStatus;

import java.util.Map;

/** Bodies of the lifecycle and correction actions. */
public final class ActionRequests {

    private ActionRequests() {
    }

    @Schema(name = "PublishRequest", description = "Optional. An emergency publication of a breaking version takes effect at once (consumers are still notified) and states its reason.")
    public record Publish(@Schema(examples = "false") boolean emergency,
                          @Schema(examples = "依法整改，立即停止提供民族字段") @Size(max = 2000) String reason) {
    }

    @Schema(name = "RejectRequest")
    public record Reject(@Schema(examples = "民族字段须标注为不予共享，并补充法律依据") @NotBlank @Size(max = 2000) String reason) {
    }

    @Schema(name = "RetireRequest", description = "Retirement takes effect after the notice period (default 7 days) when departments hold agreements; at once for an emergency, or when nobody consumes the dataset.")
    public record Retire(@Schema(examples = "数据由新的人口基础库替代") @NotBlank @Size(max = 2000) String reason,
                         @Schema(examples = "false") boolean emergency) {
    }

    @Schema(name = "CorrectionReport")
    public record Report(
            @Schema(description = "The record's key fields and values", examples = "{\"resident_id\":\"320505199001011233\"}")
            @NotNull @Size(min = 1, max = 20) Map<@NotBlank @Size(max = 63) String, @NotNull @Size(max = 200) String> recordKey,
            @Schema(examples = "mobile") @NotBlank @Size(max = 63) String field,
            @Schema(description = "What the reporter believes is right", examples = "13812345678") @NotNull @Size(max = 4000) String proposedValue,
            @Schema(examples = "本人于2026-11-02到窗口办理业务时出示的手机号码") @NotBlank @Size(max = 4000) String evidence) {
    }

    @Schema(name = "CorrectionAnswer")
    public record Answer(@Schema(description = "ACCEPTED (and corrected) or REJECTED", examples = "REJECTED") @NotNull CorrectionStatus outcome,
                         @Schema(description = "Required for REJECTED", examples = "经核对原始登记材料，登记值无误") @Size(max = 4000) String reason) {
    }
}
