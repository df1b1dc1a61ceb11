package org.govdx.seeds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Loads the demo data into a running govdx through its public APIs (never by SQL), as the demo users
 * would: the platform admin registers the departments of the realm, and so on as the APIs grow. Every
 * step is idempotent, so a second {@code ./govdx up} changes nothing.
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
