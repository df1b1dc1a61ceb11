package org.govdx.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The KeycloakRealmImport of each overlay, made from the one realm the project has
 * ({@code seeds/realm/govdx-realm.json}). kustomize cannot embed a JSON file as an object, so the import is a
 * checked-in copy that {@code RealmImportSyncTests} keeps equal to what this class makes from the seed;
 * {@code ./mvnw -pl k8s test -Dgovdx.k8s.regenerate=true} rewrites both copies after a change to the seed.
 *
 * <ul>
 * <li>dev: the seed as it is, demo users and demo client secrets included (they are published in the repository).</li>
 * <li>prod: no people (only the clients' service-account users, which carry the department claim), no
 * {@code govdx-cli} password-grant client, {@code sslRequired: external}, the console's redirect URIs on the
 * public host, and every client secret a {@code ${PLACEHOLDER}} the operator fills from a Secret.</li>
 * </ul>
 */
final class RealmImports {

    static final String DEV_FILE = "keycloak-realm-import.yaml";
    static final String PROD_PUBLIC_URL = "https://govdx.example";
    /** Only for the demo and the tests (README): no password grant in production. */
    static final String DEMO_ONLY_CLIENT = "govdx-cli";
    /** The client the services' outbox relays and calls use; its secret is the services' GOVDX_INTERNAL_SECRET. */
    static final String INTERNAL_CLIENT = "govdx-internal";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR));

    private RealmImports() {
    }

    static JsonNode seed() throws IOException {
        return JSON.readTree(Paths.seedRealm().toFile());
    }

    static ObjectNode dev(JsonNode seed) {
        return document(seed.deepCopy(), Map.of());
    }

    static ObjectNode prod(JsonNode seed) {
        ObjectNode realm = seed.deepCopy();
        realm.put("sslRequired", "external");
        ArrayNode users = JsonNodeFactory.instance.arrayNode();
        for (JsonNode user : realm.withArray("users")) {
            if (user.path("username").asText().startsWith("service-account-")) {
                users.add(user);
            }
        }
        realm.set("users", users);
        ArrayNode clients = JsonNodeFactory.instance.arrayNode();
        Map<String, String[]> placeholders = new TreeMap<>();
        for (JsonNode c : realm.withArray("clients")) {
            ObjectNode client = (ObjectNode) c;
            String id = client.path("clientId").asText();
            if (id.equals(DEMO_ONLY_CLIENT)) {
                continue;
            }
            if (client.has("secret")) {
                String name = placeholderName(id);
                client.put("secret", "${" + name + "}");
                placeholders.put(name, id.equals(INTERNAL_CLIENT)
                        ? new String[] {"govdx-internal-client", "client-secret"}
                        : new String[] {"govdx-realm-client-secrets", id});
            }
            if (client.has("redirectUris")) {
                ArrayNode uris = client.putArray("redirectUris");
                uris.add(PROD_PUBLIC_URL + "/*");
            }
            if (client.has("webOrigins")) {
                client.putArray("webOrigins").add("+");
            }
            clients.add(client);
        }
        realm.set("clients", clients);
        return document(realm, placeholders);
    }

    /** civil-affairs-system becomes CLIENT_SECRET_CIVIL_AFFAIRS_SYSTEM (an environment variable of the import job). */
    static String placeholderName(String clientId) {
        return "CLIENT_SECRET_" + clientId.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private static ObjectNode document(JsonNode realm, Map<String, String[]> placeholders) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("apiVersion", "k8s.keycloak.org/v2alpha1");
        doc.put("kind", "KeycloakRealmImport");
        ObjectNode metadata = doc.putObject("metadata");
        metadata.put("name", "govdx-realm");
        ObjectNode labels = metadata.putObject("labels");
        labels.put("app.kubernetes.io/name", "keycloak");
        labels.put("app.kubernetes.io/component", "identity");
        ObjectNode spec = doc.putObject("spec");
        spec.put("keycloakCRName", "keycloak");
        if (!placeholders.isEmpty()) {
            ObjectNode ph = spec.putObject("placeholders");
            placeholders.forEach((name, ref) -> ph.putObject(name).putObject("secret").put("name", ref[0]).put("key", ref[1]));
        }
        spec.set("realm", realm);
        return doc;
    }

    static String toYaml(String overlay, ObjectNode doc) throws IOException {
        return "# GENERATED from seeds/realm/govdx-realm.json by k8s/src/test/java/org/govdx/k8s/RealmImports.java (" + overlay + ").\n"
                + "# Do not edit: change the seed, then ./mvnw -pl k8s test -Dgovdx.k8s.regenerate=true\n"
                + YAML.writeValueAsString(doc);
    }

    static JsonNode readYaml(Path file) throws IOException {
        return YAML.readTree(Files.readString(file));
    }

    static void write(String overlay, ObjectNode doc) throws IOException {
        Files.writeString(Paths.overlay(overlay).resolve(DEV_FILE), toYaml(overlay, doc));
    }
}
