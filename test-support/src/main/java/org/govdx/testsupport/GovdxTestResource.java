package org.govdx.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Points a service under test at the real stack: its own test database (created when missing, its schema
 * cleaned and migrated afresh for each test run) and the real Keycloak. Init arg {@code database}.
 */
public class GovdxTestResource implements QuarkusTestResourceLifecycleManager {

    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        database = GovdxStack.testDatabase(initArgs.getOrDefault("database", "govdx_test"));
    }

    @Override
    public Map<String, String> start() {
        GovdxStack.ensureKeycloak();
        GovdxStack.ensureDatabase(database);
        return Map.of(
                "govdx.db.name", database,
                "quarkus.flyway.clean-at-start", "true",
                "quarkus.flyway.clean-disabled", "false",
                "govdx.keycloak.url", GovdxStack.KEYCLOAK_URL,
                // no audit service runs beside a single service under test: its events must wait in the outbox
                "govdx.audit.url", "http://127.0.0.1:9");
    }

    @Override
    public void stop() {
        // Keycloak and PostgreSQL outlive the test JVM on purpose: the next module reuses them.
    }
}
