package org.govdx.testsupport;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real parts the tests run against: PostgreSQL (127.0.0.1:5432 unless GOVDX_DB_HOST/PORT say otherwise)
 * and the Keycloak of {@code ./govdx keycloak}, started once and reused by every test JVM of the build.
 */
public final class GovdxStack {

    // a system property wins over the environment: the acceptance suite's own-infrastructure JVM points at its own Keycloak and PostgreSQL
    public static final String KEYCLOAK_URL = System.getProperty("govdx.test.keycloak-url",
            System.getenv().getOrDefault("GOVDX_KEYCLOAK_URL", "http://localhost:8490"));
    public static final String REALM_URL = KEYCLOAK_URL + "/realms/govdx";
    public static final String DB_HOST = System.getenv().getOrDefault("GOVDX_DB_HOST", "127.0.0.1");
    public static final int DB_PORT = Integer.parseInt(System.getProperty("govdx.test.db-port", System.getenv().getOrDefault("GOVDX_DB_PORT", "5432")));
    public static final String DB_USER = System.getenv().getOrDefault("GOVDX_DB_USER", "postgres");

    private GovdxStack() {
    }

    /** Starts Keycloak through the govdx script unless it already answers. */
    public static synchronized void ensureKeycloak() {
        if (answers(REALM_URL + "/.well-known/openid-configuration")) {
            return;
        }
        Path script = root().resolve("govdx");
        try {
            Process process = new ProcessBuilder("bash", script.toString(), "keycloak")
                    .inheritIO().start();
            int exit = process.waitFor();
            if (exit != 0 || !answers(REALM_URL + "/.well-known/openid-configuration")) {
                throw new IllegalStateException("Keycloak did not start (./govdx keycloak exited " + exit + "); see .govdx/logs/keycloak.log");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A test database's name on this machine: the base name plus {@code GOVDX_TEST_DB_SUFFIX} when set, so two
     * checkouts (or two people) running the same module's tests at once never clean each other's schema.
     */
    public static String testDatabase(String base) {
        String suffix = System.getenv().getOrDefault("GOVDX_TEST_DB_SUFFIX", "");
        return suffix.matches("[a-z0-9_]*") ? base + suffix : base;
    }

    public static void ensureDatabase(String name) {
        org.govdx.devstack.Databases.ensure(DB_HOST, DB_PORT, DB_USER, System.getenv().getOrDefault("GOVDX_DB_PASSWORD", ""), name);
    }

    /** The repository root: system property govdx.root (set by the build), else the nearest folder holding ./govdx. */
    public static Path root() {
        String configured = System.getProperty("govdx.root");
        if (configured != null && Files.exists(Path.of(configured, "govdx"))) {
            return Path.of(configured);
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("govdx"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the govdx repository root");
        }
        return dir;
    }

    static boolean answers(String url) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setConnectTimeout(2000);
            connection.setReadTimeout(5000);
            return connection.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }
}
