package org.govdx.benchmarks;

import org.govdx.devstack.Databases;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code footprint-<service>}: how long each service's JVM takes from launch to ready (its readiness check
 * answers UP, so its database pool and migrations are done) and its resident memory after 10 s idle;
 * beside the same two figures of {@link BareJvmServer} measured in the same run. Each figure is the median
 * of {@code runs} launches. Needs PostgreSQL and Keycloak (./govdx keycloak) and the built services.
 */
public final class FootprintBenchmark {

    private static final String JVM_HEAP = "-Xmx256m";
    private static final int PORT = 8780;

    private FootprintBenchmark() {
    }

    record Sample(double readyMillis, double rssMegabytes) {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Databases.ensure("127.0.0.1", 5432, "postgres", "", "govdx_catalog_bench", "govdx_exchange_bench", "govdx_audit_bench");
        String classpath = System.getProperty("java.class.path");
        Sample baseline = median(runs, () -> launch(List.of("java", JVM_HEAP, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", classpath, BareJvmServer.class.getName(), Integer.toString(PORT))));
        System.out.printf("baseline bare JVM HTTP server: ready %.0f ms, idle RSS %.0f MB%n", baseline.readyMillis(), baseline.rssMegabytes());
        for (String service : List.of("catalog", "exchange", "audit", "gateway")) {
            String module = service.equals("gateway") ? "gateway" : service + "-service";
            Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
            Sample sample = median(runs, () -> launch(List.of("java", JVM_HEAP, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Dquarkus.http.port=" + PORT, "-Dgovdx.db.name=govdx_" + service + "_bench", "-Dgovdx.outbox.relay.enabled=false",
                    "-jar", jar.toString())));
            System.out.printf("%s: ready %.0f ms, idle RSS %.0f MB%n", service, sample.readyMillis(), sample.rssMegabytes());
            Results.write(root, "footprint-" + service, "./benchmarks/run footprint", List.of(
                    Result.lowerIsBetter("start-to-ready", sample.readyMillis(), "ms", "bare JVM HTTP server (JDK HttpServer)", baseline.readyMillis()),
                    Result.lowerIsBetter("idle-rss", sample.rssMegabytes(), "MB", "bare JVM HTTP server (JDK HttpServer)", baseline.rssMegabytes())));
        }
    }

    interface Launch {
        Sample run() throws Exception;
    }

    static Sample median(int runs, Launch launch) throws Exception {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            samples.add(launch.run());
        }
        double[] ready = samples.stream().mapToDouble(Sample::readyMillis).sorted().toArray();
        double[] rss = samples.stream().mapToDouble(Sample::rssMegabytes).sorted().toArray();
        return new Sample(ready[ready.length / 2], rss[rss.length / 2]);
    }

    static Sample launch(List<String> command) throws Exception {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Files.createTempFile("footprint", ".log").toFile()).start();
        try {
            long deadline = start + TimeUnit.SECONDS.toNanos(120);
            while (!ready()) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new IllegalStateException("did not become ready: " + command);
                }
                Thread.sleep(20);
            }
            double readyMillis = (System.nanoTime() - start) / 1e6;
            Thread.sleep(10_000);
            return new Sample(readyMillis, rssMegabytes(process.pid()));
        } finally {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    static boolean ready() {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + PORT + "/q/health/ready").toURL().openConnection();
            connection.setConnectTimeout(200);
            connection.setReadTimeout(2000);
            return connection.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    static double rssMegabytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }
}
