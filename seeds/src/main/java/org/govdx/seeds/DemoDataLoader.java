package org.govdx.seeds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads the demo data into a running govdx through its public APIs (never by SQL), as the demo users
 * would: the platform admin registers the departments of the realm and the shared data elements; each
 * owner department's steward drafts and submits its datasets and its CDO (a second person) publishes them.
 * Every step is idempotent, so a second {@code ./govdx up} changes nothing.
 *
 * <p>Usage: {@code DemoDataLoader --gateway URL --keycloak URL --seeds DIR}.
 */
public final class DemoDataLoader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GovdxApi api;
    private final Path seeds;

    public DemoDataLoader(GovdxApi api, Path seeds) {
        this.api = api;
        this.seeds = seeds;
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        DemoDataLoader loader = new DemoDataLoader(
                new GovdxApi(options.getOrDefault("--gateway", "http://localhost:8480"), options.getOrDefault("--keycloak", "http://localhost:8490")),
                Path.of(options.getOrDefault("--seeds", "seeds")));
        loader.load();
    }

    public void load() throws IOException {
        int departments = registerDepartments();
        System.out.printf("demo data: %d departments registered%n", departments);
        int elements = registerDataElements();
        System.out.printf("demo data: %d data elements registered%n", elements);
        int datasets = publishDatasets();
        System.out.printf("demo data: %d datasets published%n", datasets);
    }

    /** The platform admin registers the shared data elements of {@code catalog/data-elements.json}. */
    int registerDataElements() throws IOException {
        JsonNode elements = JSON.readTree(seeds.resolve("catalog/data-elements.json").toFile());
        int count = 0;
        for (JsonNode element : elements) {
            String code = element.path("code").asText();
            require(api.put("platform-admin", "/api/catalog/data-elements/" + code, element), "register data element " + code);
            count++;
        }
        return count;
    }

    /**
     * Each dataset of {@code catalog/datasets/} goes through the two-person lifecycle: the owner department's
     * steward drafts and submits it, its CDO publishes it. A dataset already in the catalog continues from the
     * state it is in; a published one is left alone.
     */
    int publishDatasets() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(seeds.resolve("catalog/datasets"))) {
            files = list.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        int published = 0;
        for (Path file : files) {
            ObjectNode dataset = (ObjectNode) JSON.readTree(file.toFile());
            dataset.remove("dataFile");
            String code = dataset.path("code").asText();
            String owner = dataset.path("ownerDepartment").asText();
            String steward = owner + "-steward";
            String cdo = owner + "-cdo";
            GovdxApi.Answer existing = api.get(steward, "/api/catalog/datasets/by-code/" + code);
            String id;
            String status;
            if (existing.status() == 404) {
                GovdxApi.Answer created = api.post(steward, "/api/catalog/datasets", dataset);
                require(created, "draft dataset " + code);
                id = created.body().path("id").asText();
                status = created.body().path("status").asText();
            } else {
                require(existing, "look up dataset " + code);
                id = existing.body().path("id").asText();
                status = existing.body().path("status").asText();
            }
            if (status.equals("DRAFT") || status.equals("REJECTED")) {
                require(api.post(steward, "/api/catalog/datasets/" + id + "/submit", Map.of()), "submit dataset " + code);
                status = "SUBMITTED";
            }
            if (status.equals("SUBMITTED")) {
                require(api.post(cdo, "/api/catalog/datasets/" + id + "/publish", Map.of()), "publish dataset " + code);
                status = "PUBLISHED";
            }
            if (status.equals("PUBLISHED")) {
                published++;
            } else {
                System.out.printf("demo data: dataset %s is %s; left as it is%n", code, status);
            }
        }
        return published;
    }

    /** The realm's groups are the departments: the platform admin registers each in the catalog. */
    int registerDepartments() throws IOException {
        JsonNode realm = JSON.readTree(seeds.resolve("realm/govdx-realm.json").toFile());
        int count = 0;
        for (JsonNode group : realm.path("groups")) {
            String code = group.path("attributes").path("department").path(0).asText(group.path("name").asText());
            Map<String, Object> body = Map.of("code", code,
                    "nameZh", group.path("attributes").path("nameZh").path(0).asText(code),
                    "nameEn", group.path("attributes").path("nameEn").path(0).asText(code));
            GovdxApi.Answer answer = api.put("platform-admin", "/api/catalog/departments/" + code, body);
            require(answer, "register department " + code);
            count++;
        }
        return count;
    }

    static void require(GovdxApi.Answer answer, String what) {
        if (!answer.ok()) {
            throw new IllegalStateException(what + " failed: HTTP " + answer.status() + " " + answer.raw());
        }
    }
}
