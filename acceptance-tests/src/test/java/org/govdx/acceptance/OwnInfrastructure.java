package org.govdx.acceptance;

import org.govdx.testsupport.GovdxStack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A PostgreSQL and a Keycloak of the suite's own, for the phases that stop them (the shared PostgreSQL on 5432 and
 * the shared Keycloak on 8490 serve everyone on the machine and are never stopped): the embedded PostgreSQL 15 of
 * {@code devstack} (the one {@code ./govdx up} falls back to on a laptop without PostgreSQL) with its own port and
 * data directory, and the same Keycloak distribution {@code ./govdx} runs, unpacked afresh with its own data
 * directory, port and the realm from {@code seeds/}. Only the JVM of the {@code own-infrastructure} failsafe execution
 * ({@code -Dacceptance.own-infrastructure}) uses them; {@link AcceptanceStack} then starts its stack against them.
 */
final class OwnInfrastructure {

    static final boolean ENABLED = Boolean.getBoolean("acceptance.own-infrastructure");
    /**
     * Whether this JVM also runs its own Keycloak (for the outage phase): in the full form, or with
     * -Dacceptance.own-keycloak. The CI form restarts only its own PostgreSQL and uses the machine's Keycloak, which saves
     * a second Keycloak's start (minutes on a busy machine).
     */
    static final boolean OWN_KEYCLOAK = ENABLED && (Boolean.getBoolean("acceptance.full") || Boolean.getBoolean("acceptance.own-keycloak"));
    static final int BASE_OFFSET = Integer.parseInt(System.getenv().getOrDefault("GOVDX_ACCEPTANCE_PORT_OFFSET",
            System.getenv().getOrDefault("GOVDX_E2E_PORT_OFFSET", "300")));
    static final int POSTGRES_PORT = 15432 + BASE_OFFSET;
    static final int KEYCLOAK_PORT = 8490 + BASE_OFFSET + 40;
    static final String KEYCLOAK_URL = "http://localhost:" + KEYCLOAK_PORT;
    static final String KEYCLOAK_VERSION = "26.7.3";

    private static Process postgres;
    private static Process keycloak;

    private OwnInfrastructure() {
    }

    /** Points the test-support helpers (tokens, JDBC) of this JVM at the own infrastructure; call before they are loaded. */
    static void redirectTestSupport() {
        if (OWN_KEYCLOAK) {
            System.setProperty("govdx.test.keycloak-url", KEYCLOAK_URL);
        }
        System.setProperty("govdx.test.db-port", Integer.toString(POSTGRES_PORT));
    }

    static Path dir() {
        return GovdxStack.root().resolve("acceptance-tests/target/own-infra");
    }

    static Path postgresData() {
        return dir().resolve("pg/data");
    }

    static synchronized void start() throws IOException, InterruptedException {
        startPostgres();
        if (OWN_KEYCLOAK) {
            startKeycloak();
        }
    }

    // ---- PostgreSQL ----

    static synchronized void startPostgres() throws IOException, InterruptedException {
        if (postgres != null && postgres.isAlive()) {
            return;
        }
        Path devstack = GovdxStack.root().resolve("devstack/target");
        String classpath = devstack.resolve("classes") + ":" + Files.readString(devstack.resolve("classpath.txt")).trim();
        Files.createDirectories(postgresData());
        postgres = new ProcessBuilder("setsid", "java", "-Xmx256m", "-cp", classpath, "org.govdx.devstack.EmbeddedPostgresServer",
                Integer.toString(POSTGRES_PORT), postgresData().toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir().resolve("postgres.log").toFile())).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (!acceptsConnections()) {
            if (System.nanoTime() > deadline || !postgres.isAlive()) {
                throw new IllegalStateException("own PostgreSQL did not start; see " + dir().resolve("postgres.log"));
            }
            Thread.sleep(200);
        }
    }

    /** The own PostgreSQL answers a query (an open port alone may still say "the database system is starting up"). */
    private static boolean acceptsConnections() {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + POSTGRES_PORT + "/postgres", "postgres", "");
             java.sql.Statement s = c.createStatement()) {
            return s.execute("select 1");
        } catch (java.sql.SQLException e) {
            return false;
        }
    }

    /** A clean stop: SIGTERM to the wrapper, whose shutdown hook runs pg_ctl stop (fast: open connections are ended). */
    static synchronized void stopPostgres() throws InterruptedException {
        if (postgres != null) {
            postgres.destroy(); // the wrapper alone (SIGTERM): the postmaster shares its process group and gets its orders from pg_ctl
            postgres.waitFor();
        }
        awaitPort(POSTGRES_PORT, false, Duration.ofSeconds(60), "own PostgreSQL stopping");
    }

    /** A crash: SIGKILL to the postmaster (its pid from postmaster.pid), then the wrapper; returns the postmaster's pid. */
    static synchronized long killPostmaster() throws IOException, InterruptedException {
        long postmaster = Long.parseLong(Files.readAllLines(postgresData().resolve("postmaster.pid")).get(0).trim());
        String command = ProcessHandle.of(postmaster).flatMap(h -> h.info().commandLine()).orElse("");
        if (!command.contains("postgres") || !command.contains(postgresData().toString())) {
            throw new IllegalStateException("pid " + postmaster + " is not the own PostgreSQL's postmaster: " + command);
        }
        new ProcessBuilder("kill", "-KILL", Long.toString(postmaster)).start().waitFor();
        if (postgres != null) {
            postgres.destroyForcibly();
            postgres.waitFor();
        }
        awaitPort(POSTGRES_PORT, false, Duration.ofSeconds(30), "own PostgreSQL dying");
        // the backends notice their postmaster's death and exit; a new postmaster refuses to start while they hold shared memory
        for (int i = 0; i < 100 && backendsAlive(); i++) {
            Thread.sleep(200);
        }
        return postmaster;
    }

    private static boolean backendsAlive() throws IOException {
        Process ps = new ProcessBuilder("pgrep", "-f", "postgres: .*" + POSTGRES_PORT).start();
        return !new String(ps.getInputStream().readAllBytes()).isBlank();
    }

    // ---- Keycloak ----

    static Path keycloakHome() {
        return dir().resolve("keycloak-" + KEYCLOAK_VERSION);
    }

    static synchronized void startKeycloak() throws IOException, InterruptedException {
        if (keycloak != null && keycloak.isAlive()) {
            return;
        }
        if (!Files.isExecutable(keycloakHome().resolve("bin/kc.sh"))) {
            Path dist = Path.of(System.getProperty("user.home"), ".m2/repository/org/keycloak/keycloak-quarkus-dist", KEYCLOAK_VERSION,
                    "keycloak-quarkus-dist-" + KEYCLOAK_VERSION + ".tar.gz");
            if (!Files.exists(dist)) {
                GovdxStack.ensureKeycloak(); // the shared one fetches the distribution into the local repository
            }
            Files.createDirectories(dir());
            run(new ProcessBuilder("tar", "-xzf", dist.toString(), "-C", dir().toString()));
            Files.createDirectories(keycloakHome().resolve("data/import"));
            Files.copy(GovdxStack.root().resolve("seeds/realm/govdx-realm.json"), keycloakHome().resolve("data/import/govdx-realm.json"));
        }
        ProcessBuilder builder = new ProcessBuilder("setsid", keycloakHome().resolve("bin/kc.sh").toString(), "start-dev", "--import-realm",
                "--http-port=" + KEYCLOAK_PORT, "--http-management-port=" + (KEYCLOAK_PORT + 1), "--hostname=" + KEYCLOAK_URL,
                "--health-enabled=true")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir().resolve("keycloak.log").toFile()));
        Map<String, String> env = builder.environment();
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx384m");
        keycloak = builder.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
        while (!AcceptanceStack.answers(KEYCLOAK_URL + "/realms/govdx/.well-known/openid-configuration")) {
            if (System.nanoTime() > deadline || !keycloak.isAlive()) {
                throw new IllegalStateException("own Keycloak did not start; see " + dir().resolve("keycloak.log"));
            }
            Thread.sleep(1000);
        }
    }

    static synchronized void stopKeycloak() throws InterruptedException {
        if (keycloak != null) {
            signalGroup(keycloak.pid(), "TERM");
            if (!keycloak.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                signalGroup(keycloak.pid(), "KILL");
                keycloak.waitFor();
            }
        }
        awaitPort(KEYCLOAK_PORT, false, Duration.ofSeconds(60), "own Keycloak stopping");
    }

    static synchronized void stopAll() {
        try {
            stopKeycloak();
        } catch (Exception e) {
            System.err.println("own Keycloak did not stop: " + e);
        }
        try {
            stopPostgres();
        } catch (Exception e) {
            System.err.println("own PostgreSQL did not stop: " + e);
        }
    }

    // ---- helpers ----

    /** Signals a process group this class started with setsid (its leader's pid is the group id). */
    private static void signalGroup(long pid, String signal) throws InterruptedException {
        try {
            new ProcessBuilder("kill", "-" + signal, "--", "-" + pid).start().waitFor();
        } catch (IOException e) {
            Optional<ProcessHandle> handle = ProcessHandle.of(pid);
            handle.ifPresent("KILL".equals(signal) ? ProcessHandle::destroyForcibly : ProcessHandle::destroy);
        }
    }

    static boolean portOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void awaitPort(int port, boolean open, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (portOpen(port) != open) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + ": port " + port + (open ? " did not open" : " did not close") + " within " + timeout);
            }
            Thread.sleep(200);
        }
    }

    private static void run(ProcessBuilder builder) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(builder.command());
        int exit = builder.inheritIO().start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + exit);
        }
    }
}
