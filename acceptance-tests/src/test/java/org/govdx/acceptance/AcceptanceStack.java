package org.govdx.acceptance;

import org.govdx.devstack.Databases;
import org.govdx.testsupport.GovdxStack;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The stack under acceptance: the four services started by {@code ./govdx up --no-build --no-seed} exactly as a
 * newcomer starts them, as a separate stack (ports +300, or GOVDX_ACCEPTANCE_PORT_OFFSET / GOVDX_E2E_PORT_OFFSET;
 * databases suffixed {@code _acc}; pids and logs under {@code acceptance-tests/target/stack}) beside the shared
 * PostgreSQL and Keycloak. Started once per test JVM (by the Jupiter extension or, for jqwik classes, by
 * {@link #start()}), stopped by a shutdown hook that also writes RELIABILITY.md from the collected results.
 * {@code -Dacceptance.reuse-stack} keeps a stack that already answers (for working on the suite itself).
 */
public final class AcceptanceStack implements BeforeAllCallback {

    static {
        // before GovdxStack is loaded: in the own-infrastructure JVM, tokens and JDBC go to the suite's own Keycloak and PostgreSQL
        if (OwnInfrastructure.ENABLED) {
            OwnInfrastructure.redirectTestSupport();
        }
    }

    /** Ports +300 (or the offset the environment names); the own-infrastructure stack 20 above. */
    public static final int PORT_OFFSET = OwnInfrastructure.BASE_OFFSET + (OwnInfrastructure.ENABLED ? 20 : 0);
    public static final String GATEWAY = url("gateway");
    public static final List<String> SERVICES = List.of("catalog", "exchange", "audit");
    public static final String DB_SUFFIX = GovdxStack.testDatabase("_acc");
    public static final boolean FULL = Boolean.getBoolean("acceptance.full");
    private static final boolean REUSE = Boolean.getBoolean("acceptance.reuse-stack");
    private static boolean started;

    /** Base URL of a component of this stack: gateway, catalog, exchange, audit. */
    public static String url(String component) {
        int port = switch (component) {
            case "gateway" -> 8480;
            case "catalog" -> 8481;
            case "exchange" -> 8482;
            case "audit" -> 8483;
            default -> throw new IllegalArgumentException(component);
        };
        return "http://localhost:" + (port + PORT_OFFSET);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (context.getRequiredTestClass() == OwnInfrastructureIT.class && !OwnInfrastructure.ENABLED) {
            return; // it runs in the own-infrastructure JVM only (-Dit.test names it for both executions)
        }
        start();
    }

    public static synchronized void start() throws IOException, InterruptedException {
        if (started) {
            return;
        }
        started = true;
        if (OwnInfrastructure.ENABLED) {
            OwnInfrastructure.start();
        }
        GovdxStack.ensureKeycloak();
        boolean reuse = REUSE && answers(GATEWAY + "/q/health/ready");
        if (!reuse) {
            Databases.recreate(GovdxStack.DB_HOST, GovdxStack.DB_PORT, GovdxStack.DB_USER, "",
                    database("catalog"), database("exchange"), database("audit"));
            govdx("up", "--no-build", "--no-seed");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                if (!reuse) {
                    govdx("down");
                }
            } catch (Exception e) {
                System.err.println("./govdx down failed: " + e);
            }
            if (OwnInfrastructure.ENABLED) {
                OwnInfrastructure.stopAll();
            }
            Reliability.writeReport();
        }));
    }

    public static String database(String service) {
        return "govdx_" + service + DB_SUFFIX;
    }

    public static Connection jdbc(String service) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + GovdxStack.DB_HOST + ":" + GovdxStack.DB_PORT + "/" + database(service),
                GovdxStack.DB_USER, System.getenv().getOrDefault("GOVDX_DB_PASSWORD", ""));
    }

    public static Path runDir() {
        return OwnInfrastructure.ENABLED ? OwnInfrastructure.dir().resolve("stack") : GovdxStack.root().resolve("acceptance-tests/target/stack");
    }

    /** The pid of one of this stack's service processes (the java process itself: govdx starts it with setsid). */
    public static long pid(String component) throws IOException {
        return Long.parseLong(Files.readString(runDir().resolve("pids/" + component + ".pid")).trim());
    }

    /** Starts whatever of this stack is not running (after a kill -9) and waits until every service is ready. */
    public static void restartMissing() throws IOException, InterruptedException {
        // ./govdx starts a service with a fresh log: keep the killed one's for the leak hunt and the post-mortem
        try (var logs = Files.list(runDir().resolve("logs"))) {
            for (Path log : logs.filter(p -> p.toString().endsWith(".log")).toList()) {
                Files.copy(log, log.resolveSibling(log.getFileName() + "." + System.currentTimeMillis()));
            }
        }
        govdx("up", "--no-build", "--no-seed");
    }

    static void govdx(String... command) throws IOException, InterruptedException {
        if (OwnInfrastructure.ENABLED && "up".equals(command[0]) && !(OwnInfrastructure.portOpen(OwnInfrastructure.POSTGRES_PORT)
                && answers(GovdxStack.REALM_URL + "/.well-known/openid-configuration"))) {
            // ./govdx up would start (and replace) the machine's shared PostgreSQL fallback or Keycloak instead
            throw new IllegalStateException("./govdx up with the own PostgreSQL or Keycloak down");
        }
        String[] full = new String[command.length + 2];
        full[0] = "bash";
        full[1] = GovdxStack.root().resolve("govdx").toString();
        System.arraycopy(command, 0, full, 2, command.length);
        ProcessBuilder builder = new ProcessBuilder(full).inheritIO();
        Map<String, String> env = builder.environment();
        env.put("GOVDX_RUN_DIR", runDir().toString());
        env.put("GOVDX_PORT_OFFSET", Integer.toString(PORT_OFFSET));
        env.put("GOVDX_DB_SUFFIX", DB_SUFFIX);
        env.put("GOVDX_DB_HOST", GovdxStack.DB_HOST);
        env.put("GOVDX_DB_PORT", Integer.toString(GovdxStack.DB_PORT));
        env.put("GOVDX_KEYCLOAK_URL", GovdxStack.KEYCLOAK_URL);
        env.put("GOVDX_KEYCLOAK_PORT", Integer.toString(URI.create(GovdxStack.KEYCLOAK_URL).getPort()));
        env.putIfAbsent("GOVDX_SERVICE_HEAP", "-Xmx192m");
        // the load cases measure the system, not the gateway's per-department budget (decision 0050)
        env.putIfAbsent("GOVDX_RATE_PER_SECOND", "100000");
        env.putIfAbsent("GOVDX_RATE_BURST", "100000");
        // the production JIT (./govdx starts services with C1 only, for a quick start on a laptop): the soak's maximum is the
        // stack's as deployed; and the proxied dataset's provider endpoint is served by the test JVM on 127.0.0.1
        // (production allows only its own domains)
        env.putIfAbsent("GOVDX_JAVA_OPTS", "-XX:TieredStopAtLevel=4 -Dgovdx.data.proxy.allowed-hosts=127.0.0.1,localhost,*.gov.cn");
        int exit = builder.start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("./govdx " + String.join(" ", command) + " exited " + exit + "; logs in " + runDir().resolve("logs"));
        }
    }

    static boolean answers(String url) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(3000);
            return connection.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }
}
