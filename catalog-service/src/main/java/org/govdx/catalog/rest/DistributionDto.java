package org.govdx.catalog.rest;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.govdx.catalog.domain.DistributionMode;

import java.util.Iterator;
import java.util.Set;

/**
 * Where a dataset's data is: HOSTED on the platform, or PROXIED to the provider's endpoint. Accepted as an
 * object {@code {"mode":"PROXIED","endpoint":"https://..."}} or, as in the demo catalog, as the bare mode
 * string {@code "HOSTED"}; always shown as the object.
 */
@Schema(name = "Distribution")
public record DistributionDto(
        @Schema(examples = "HOSTED") @NotNull DistributionMode mode,
        @Schema(description = "The provider's endpoint URL; only for PROXIED", examples = "https://api.health.example.gov.cn/vaccinations")
        @Size(max = 2000) String endpoint,
        @JsonIgnore @Schema(hidden = true) String malformed) {

    private static final Set<String> MEMBERS = Set.of("mode", "endpoint");

    public DistributionDto(DistributionMode mode, String endpoint) {
        this(mode, endpoint, null);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static DistributionDto read(JsonNode node) {
        if (node.isTextual()) {
            DistributionMode mode = mode(node.textValue());
            return new DistributionDto(mode, null, mode == null ? "unknown mode" : null);
        }
        if (!node.isObject()) {
            return new DistributionDto(null, null, "not a string or object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            if (!MEMBERS.contains(names.next())) {
                return new DistributionDto(null, null, "unknown member");
            }
        }
        JsonNode mode = node.get("mode");
        JsonNode endpoint = node.get("endpoint");
        DistributionMode parsed = mode == null || !mode.isTextual() ? null : mode(mode.textValue());
        String problem = (mode != null && !mode.isNull() && parsed == null) || (endpoint != null && !endpoint.isNull() && !endpoint.isTextual())
                ? "bad member" : null;
        return new DistributionDto(parsed, endpoint == null || endpoint.isNull() ? null : endpoint.asText(), problem);
    }

    private static DistributionMode mode(String text) {
        try {
            return DistributionMode.valueOf(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @JsonIgnore
    @AssertTrue(message = "HOSTED or PROXIED, or an object {\"mode\": \"HOSTED\"|\"PROXIED\", \"endpoint\": URL} with no other members")
    public boolean isWellFormed() {
        return malformed == null;
    }
}
