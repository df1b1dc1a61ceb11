package org.govdx.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Another govdx service, run for real beside the one under test: its built jar (the reactor builds it
 * first) on a free port, against its own freshly created database and the real Keycloak, with a capped
 * heap. Stopped with the test JVM.
 */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final String url;
    private final Path log;

    private ServiceProcess(Process process, String url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    public static ServiceProcess start(String module, String databaseBase, Map<String, String> properties) {
        String database = GovdxStack.testDatabase(databaseBase);
        Path jar = GovdxStack.root().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is not built: build the reactor (./mvnw verify) or `./mvnw install -pl " + module + " -DskipTests` first");
        }
        GovdxStack.ensureKeycloak();
        org.govdx.devstack.Databases.recreate(GovdxStack.DB_HOST, GovdxStack.DB_PORT, GovdxStack.DB_USER,
                System.getenv().getOrDefault("GOVDX_DB_PASSWORD", ""), database);
        int port;
        try {
            port = freePort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<String> command = new ArrayList<>(List.of("java", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.port=" + port, "-Dgovdx.db.name=" + database, "-Dquarkus.log.console.json.enabled=false",
                "-Dgovdx.audit.url=http://127.0.0.1:9"));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        try {
            Path log = Files.createTempFile(module + "-", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            ServiceProcess service = new ServiceProcess(process, "http://localhost:" + port, log);
            Runtime.getRuntime().addShutdownHook(new Thread(service::close));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!GovdxStack.answers(service.url + "/q/health/ready")) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    service.close();
                    throw new IllegalStateException(module + " did not become ready; its log: " + log + "\n" + tail(log));
                }
                Thread.sleep(100);
            }
            return service;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + module, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return url;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
