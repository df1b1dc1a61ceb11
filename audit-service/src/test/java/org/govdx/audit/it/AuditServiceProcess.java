package org.govdx.audit.it;

import org.govdx.testsupport.GovdxStack;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The packaged audit service (target/quarkus-app/quarkus-run.jar) as a process of its own, to be killed with SIGKILL. */
final class AuditServiceProcess implements AutoCloseable {

    private final String name;
    private final String database;
    private final int databasePort;
    private final int port;
    private final Path log;
    private Process process;
    private int starts;

    AuditServiceProcess(String name, String database) {
        this(name, database, GovdxStack.DB_PORT);
    }

    /** On the PostgreSQL at {@code databasePort} (e.g. a test's own, to be killed). */
    AuditServiceProcess(String name, String database, int databasePort) {
        this.name = name;
        this.database = database;
        this.databasePort = databasePort;
        this.port = freePort();
        this.log = Path.of("target", "it-logs");
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    Path logFile() {
        return log.resolve(name + "-" + starts + ".log");
    }

    /** Starts the service and waits until it is ready (database migrated, pool up). */
    AuditServiceProcess start() throws Exception {
        Path jar = GovdxStack.root().resolve("audit-service/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("package the audit service first: " + jar);
        }
        Files.createDirectories(log);
        starts++;
        List<String> command = new ArrayList<>(List.of("java", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.port=" + port, "-Dgovdx.db.name=" + database, "-DGOVDX_DB_PORT=" + databasePort, "-Dquarkus.log.console.json.enabled=false",
                "-Dgovdx.keycloak.url=" + GovdxStack.KEYCLOAK_URL, "-Dquarkus.datasource.reactive.max-size=8",
                "-jar", jar.toString()));
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile().toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!ready()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + logFile());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not become ready; see " + logFile());
            }
            Thread.sleep(100);
        }
        return this;
    }

    boolean ready() {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url() + "/q/health/ready").toURL().openConnection();
            connection.setConnectTimeout(200);
            connection.setReadTimeout(2000);
            return connection.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** kill -9: no shutdown hook, no graceful close of anything. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    long pid() {
        return process.pid();
    }

    String logText() throws IOException {
        return Files.readString(logFile());
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
