package org.govdx.e2e;

import org.govdx.devstack.Databases;
import org.govdx.testsupport.GovdxStack;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts the whole govdx system once per test run, exactly as a newcomer's {@code ./govdx up} does (same
 * script, the services as built by this build), but as a second stack: ports offset by 100, its own
 * freshly created databases (suffix {@code _e2e}), pids and logs under {@code e2e-tests/target/stack}.
 * Keycloak and PostgreSQL are the shared real ones. Stopped with {@code ./govdx down} when the run ends.
 */
public class GovdxSystem implements BeforeAllCallback, ExtensionContext.Store.CloseableResource {

    /** Ports of this stack: +100 (replicas +200), or GOVDX_E2E_PORT_OFFSET when two checkouts share a machine. */
    public static final int PORT_OFFSET = Integer.parseInt(System.getenv().getOrDefault("GOVDX_E2E_PORT_OFFSET", "100"));
    public static final String GATEWAY = "http://localhost:" + (8480 + PORT_OFFSET);
    private static final String DB_SUFFIX = GovdxStack.testDatabase("_e2e");
    private static boolean started;

    @Override
    public synchronized void beforeAll(ExtensionContext context) throws Exception {
        if (started) {
            return;
        }
        started = true;
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(GovdxSystem.class.getName(), this);
        GovdxStack.ensureKeycloak();
        Databases.recreate(GovdxStack.DB_HOST, GovdxStack.DB_PORT, GovdxStack.DB_USER, "",
                "govdx_catalog" + DB_SUFFIX, "govdx_exchange" + DB_SUFFIX, "govdx_audit" + DB_SUFFIX);
        run("up", "--no-build", "--no-seed");
    }

    @Override
    public void close() throws Exception {
        run("down");
    }

    public static Path runDir() {
        return GovdxStack.root().resolve("e2e-tests/target/stack");
    }

    /** A second instance of every service (ports +200) on the same databases: replicas, as on a cluster. */
    public static final String REPLICA_GATEWAY = "http://localhost:" + (8480 + PORT_OFFSET + 100);

    public static void startReplicas() throws IOException, InterruptedException {
        run(GovdxStack.root().resolve("e2e-tests/target/stack-replicas"), PORT_OFFSET + 100, "up", "--no-build", "--no-seed");
    }

    public static void stopReplicas() throws IOException, InterruptedException {
        run(GovdxStack.root().resolve("e2e-tests/target/stack-replicas"), PORT_OFFSET + 100, "down");
    }

    private static void run(String... command) throws IOException, InterruptedException {
        run(runDir(), PORT_OFFSET, command);
    }

    private static void run(Path runDir, int portOffset, String... command) throws IOException, InterruptedException {
        String[] full = new String[command.length + 2];
        full[0] = "bash";
        full[1] = GovdxStack.root().resolve("govdx").toString();
        System.arraycopy(command, 0, full, 2, command.length);
        ProcessBuilder builder = new ProcessBuilder(full).inheritIO();
        Map<String, String> env = builder.environment();
        env.put("GOVDX_RUN_DIR", runDir.toString());
        env.put("GOVDX_PORT_OFFSET", Integer.toString(portOffset));
        env.put("GOVDX_DB_SUFFIX", DB_SUFFIX);
        env.putIfAbsent("GOVDX_SERVICE_HEAP", "-Xmx192m");
        // schedulers run often, so the tests see expiry and deadlines without waiting a minute
        env.put("GOVDX_JAVA_OPTS", "-Dgovdx.agreements.expiry-interval=2s -Dgovdx.deadlines.check-interval=2s");
        int exit = builder.start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("./govdx " + String.join(" ", command) + " exited " + exit + "; logs in " + runDir.resolve("logs"));
        }
    }
}
