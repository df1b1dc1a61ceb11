package org.govdx.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The realm imports in the overlays are exactly what {@link RealmImports} makes from seeds/realm/govdx-realm.json. */
class RealmImportSyncTests {

    private static final boolean REGENERATE = Boolean.getBoolean("govdx.k8s.regenerate");

    @Test
    void devImportsTheSeedAsItIs() throws Exception {
        JsonNode seed = RealmImports.seed();
        ObjectNode expected = RealmImports.dev(seed);
        check("dev", expected);
        assertThat(expected.at("/spec/realm")).isEqualTo(seed);
    }

    @Test
    void prodImportsTheSeedWithoutPeopleOrSecrets() throws Exception {
        ObjectNode expected = RealmImports.prod(RealmImports.seed());
        check("prod", expected);
        JsonNode realm = expected.at("/spec/realm");
        assertThat(realm.path("sslRequired").asText()).isEqualTo("external");
        realm.path("users").forEach(u -> {
            assertThat(u.path("username").asText()).startsWith("service-account-");
            assertThat(u.has("credentials")).as("credentials of %s", u.path("username")).isFalse();
        });
        realm.path("clients").forEach(c -> {
            assertThat(c.path("clientId").asText()).isNotEqualTo(RealmImports.DEMO_ONLY_CLIENT);
            if (c.has("secret")) {
                assertThat(c.path("secret").asText()).matches("\\$\\{CLIENT_SECRET_[A-Z0-9_]+}");
                String name = c.path("secret").asText().substring(2, c.path("secret").asText().length() - 1);
                assertThat(expected.at("/spec/placeholders/" + name + "/secret/name").isTextual()).as("placeholder %s", name).isTrue();
            }
        });
    }

    private static void check(String overlay, ObjectNode expected) throws Exception {
        Path file = Paths.overlay(overlay).resolve(RealmImports.DEV_FILE);
        if (REGENERATE) {
            RealmImports.write(overlay, expected);
        }
        assertThat(RealmImports.readYaml(file))
                .as("%s is out of date with seeds/realm/govdx-realm.json: run ./mvnw -pl k8s test -Dgovdx.k8s.regenerate=true", file)
                .isEqualTo(expected);
    }
}
