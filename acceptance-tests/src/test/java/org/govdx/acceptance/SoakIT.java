package org.govdx.acceptance;

import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures the stack's maximum governed-read throughput (closed loop), then holds 70% of it for a minute (CI) or ten
 * (-Dacceptance.full): no failed read, and for each service the heap after a full GC (forced with jcmd, read as
 * jvm_gc_live_data_size_bytes), its open file descriptors, its open HTTP connections and its PostgreSQL connections do
 * not grow from the first third of the run to the last.
 */
@ExtendWith(AcceptanceStack.class)
@org.junit.jupiter.api.Order(4)
class SoakIT {

    static final List<String> COMPONENTS = List.of("gateway", "catalog", "exchange", "audit");
    static final Pattern LIVE = Pattern.compile("(?m)^jvm_gc_live_data_size_bytes(?:\\{[^}]*})? ([0-9.Ee+-]+)");
    static final Pattern CONNECTIONS = Pattern.compile("(?m)^http_server_active_connections\\{[^}]*} ([0-9.Ee+-]+)");

    record Sample(long atSecond, Map<String, long[]> perComponent) {
    }

    @Test
    void seventyPercentOfMaximumReadThroughputHoldsWithoutErrorsOrGrowth() throws Exception {
        World world = World.shared();
        String agreement = world.agreement("VIEW", 100_000_000L);
        int measureSeconds = AcceptanceStack.FULL ? 30 : 10;
        int soakSeconds = AcceptanceStack.FULL ? 600 : 60;
        int sampleEvery = AcceptanceStack.FULL ? 30 : 10;

        long measureStart = System.nanoTime();
        double max;
        try (ReadLoad probe = new ReadLoad(agreement, 4, 0, 0).start()) {
            Thread.sleep(3000); // warm-up
            long warm = probe.allowedIds.size();
            long t0 = System.nanoTime();
            Thread.sleep(measureSeconds * 1000L);
            max = (probe.allowedIds.size() - warm) / ((System.nanoTime() - t0) / 1e9);
        }
        double rate = 0.7 * max;
        List<Sample> samples = new ArrayList<>();
        ReadLoad soak = new ReadLoad(agreement, 4, rate, 0).start();
        long start = System.nanoTime();
        try {
            Thread.sleep(5000);
            while ((System.nanoTime() - start) / 1e9 < soakSeconds) {
                samples.add(sample((System.nanoTime() - start) / 1_000_000_000L));
                Thread.sleep(sampleEvery * 1000L);
            }
            samples.add(sample((System.nanoTime() - start) / 1_000_000_000L));
        } finally {
            soak.close();
        }
        double achieved = soak.allowedIds.size() / ((System.nanoTime() - start) / 1e9);

        List<String> growth = new ArrayList<>();
        List<String> details = new ArrayList<>();
        details.add(String.format("maximum measured: %.0f reads/s (4 closed-loop threads, %d s, after %d ms of set-up); soak target %.0f reads/s, "
                + "achieved %.1f reads/s for %d s, mean latency %.1f ms; %d reads, %d failed %s", max, measureSeconds,
                (start - measureStart) / 1_000_000, rate, achieved, soakSeconds, soak.meanLatencyMillis(), soak.sent.get(), soak.failed(), soak.failures));
        String[] names = {"heap after GC (MB)", "open fds", "HTTP connections", "PostgreSQL connections"};
        int third = Math.max(1, samples.size() / 3);
        for (String component : COMPONENTS) {
            StringBuilder line = new StringBuilder(component + ": ");
            for (int k = 0; k < names.length; k++) {
                double first = avg(samples.subList(0, third), component, k);
                double last = avg(samples.subList(samples.size() - third, samples.size()), component, k);
                double slack = k == 0 ? Math.max(4 * 1024 * 1024, first * 0.15) : Math.max(3, first * 0.2);
                boolean grew = last > first + slack;
                if (grew) {
                    growth.add(component + " " + names[k] + " grew from " + first + " to " + last);
                }
                double scale = k == 0 ? 1024 * 1024 : 1;
                line.append(String.format("%s %.1f → %.1f%s; ", names[k], first / scale, last / scale, grew ? " (GREW)" : ""));
            }
            details.add(line.toString());
        }
        details.add("machine load average during the run (the 2-core machine is shared with parallel builds, so throughput here "
                + "measures the machine, not govdx; speed is measured in benchmarks/): " + Files.readString(Path.of("/proc/loadavg")).trim());
        details.add(samples.size() + " samples, every " + sampleEvery + " s; first third against last third of the run");
        boolean ok = soak.failed() == 0 && growth.isEmpty();
        Reliability.record(new Reliability.Result("5-soak", "Soak at 70% of maximum read throughput",
                soakSeconds + " s of governed VIEW reads through the gateway at 70% of the measured maximum, resources sampled after forced full GCs",
                soak.sent.get(), soak.allowedIds.size(), ok ? "nothing" : "see details", details));
        assertThat(soak.failures).as("failed reads").isEmpty();
        assertThat(growth).as("resources that grew").isEmpty();
    }

    private static double avg(List<Sample> samples, String component, int k) {
        return samples.stream().mapToLong(s -> s.perComponent().get(component)[k]).average().orElse(0);
    }

    static Sample sample(long atSecond) throws Exception {
        Map<String, long[]> values = new LinkedHashMap<>();
        for (String component : COMPONENTS) {
            long pid = AcceptanceStack.pid(component);
            Process gc = new ProcessBuilder("jcmd", Long.toString(pid), "GC.run").redirectErrorStream(true).start();
            gc.getInputStream().readAllBytes();
            gc.waitFor(30, TimeUnit.SECONDS);
            String metrics = RestAssured.given().baseUri(AcceptanceStack.url(component)).get("/q/metrics").asString();
            long live = (long) first(LIVE, metrics);
            long connections = (long) first(CONNECTIONS, metrics);
            long fds;
            try (var files = Files.list(Path.of("/proc/" + pid + "/fd"))) {
                fds = files.count();
            }
            values.put(component, new long[]{live, fds, connections, databaseConnections(component)});
        }
        return new Sample(atSecond, values);
    }

    private static double first(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    private static long databaseConnections(String component) throws Exception {
        if (!AcceptanceStack.SERVICES.contains(component)) {
            return 0;
        }
        try (Connection c = AcceptanceStack.jdbc(component);
             PreparedStatement s = c.prepareStatement("select count(*) - 1 from pg_stat_activity where datname = ?")) {
            s.setString(1, AcceptanceStack.database(component));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
