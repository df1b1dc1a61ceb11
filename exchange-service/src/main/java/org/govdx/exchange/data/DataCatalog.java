package org.govdx.exchange.data;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.govdx.common.problem.ProblemException;
import org.govdx.exchange.catalog.CatalogClient;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The data plane's view of the catalog, with the exchange's service token: a version's schema with its data
 * elements' validators, and the quality figures the exchange measures on upload (DOMAIN rules 9, 10).
 */
@ApplicationScoped
public class DataCatalog {

    @Inject
    CatalogClient catalog;

    /** The schema of {@code version} of dataset {@code id}; 404 when the catalog has neither. */
    public Uni<HostedSchema> schema(UUID id, int version) {
        return get("/api/catalog/datasets/" + id).flatMap(dataset -> get("/api/catalog/datasets/" + id + "/versions/" + version).flatMap(v -> {
            List<String> codes = new ArrayList<>();
            for (JsonNode f : v.path("fields")) {
                String code = f.path("dataElement").asText(null);
                if (code != null && !code.isBlank() && !codes.contains(code)) {
                    codes.add(code);
                }
            }
            Uni<Map<String, HostedSchema.Element>> elements = Uni.createFrom().item(new HashMap<>());
            for (String code : codes) {
                elements = elements.flatMap(map -> get("/api/catalog/data-elements/" + code).map(e -> {
                    List<String> values = new ArrayList<>();
                    e.path("enumValues").forEach(x -> values.add(x.asText()));
                    map.put(code, new HostedSchema.Element(code, e.path("validator").asText("NONE"), e.path("pattern").asText(null), values));
                    return map;
                }));
            }
            return elements.map(map -> {
                List<HostedSchema.Field> fields = new ArrayList<>();
                for (JsonNode f : v.path("fields")) {
                    HostedSchema.ValueType type;
                    try {
                        type = HostedSchema.ValueType.valueOf(f.path("type").asText("STRING"));
                    } catch (IllegalArgumentException e) {
                        type = HostedSchema.ValueType.STRING;
                    }
                    String code = f.path("dataElement").asText(null);
                    fields.add(new HostedSchema.Field(f.path("name").asText(), type, f.path("required").asBoolean(false),
                            f.path("key").asBoolean(false), code == null ? null : map.get(code)));
                }
                return HostedSchema.of(id, v.path("version").asInt(version), dataset.path("ownerDepartment").asText(),
                        v.path("distribution").path("mode").asText(dataset.path("distribution").path("mode").asText("HOSTED")), fields);
            });
        }));
    }

    /** Records quality figures of a version in the catalog ({@code PUT .../quality}, role govdx-service). */
    public Uni<Void> putQuality(UUID id, int version, Map<String, Object> quality) {
        return catalog.put("/api/catalog/datasets/" + id + "/versions/" + version + "/quality", quality);
    }

    private Uni<JsonNode> get(String path) {
        return catalog.get(path, () -> ProblemException.notFound("The catalog has no such dataset, version or data element"));
    }
}
