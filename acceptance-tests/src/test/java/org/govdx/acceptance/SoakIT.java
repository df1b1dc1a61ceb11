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
        int measureSeconds = AcceptanceStack.FULL ? 15 : 5;
        int soakSeconds = AcceptanceStack.FULL ? 600 : 60;
        int sampleEvery = AcceptanceStack.FULL ? 30 : 10;

        // The maximum is searched over the number of concurrent readers (closed loop): a governed read spends most of its
        // time waiting (the commit of quota and audit event, the hops gateway → exchange), so a few readers measure their
        // own latency, not the stack's capacity (the benchmark drives it with 50 connections). Tokens are fetched once and
        // cached for the run; the services run with the production JIT (AcceptanceStack).
        long measureStart = System.nanoTime();
        int[] levels = AcceptanceStack.FULL ? new int[]{4, 8, 16, 32, 64, 96} : new int[]{4, 16, 48};
        int warmSeconds = AcceptanceStack.FULL ? 30 : 8;
        try (ReadLoad warm = new ReadLoad(agreement, 16, 0, 0).start()) {
            Thread.sleep(warmSeconds * 1000L);
        }
        double max = 0;
        int bestLevel = 0;
        double latencyAtMax = 0;
        StringBuilder search = new StringBuilder();
        for (int level : levels) {
            try (ReadLoad probe = new ReadLoad(agreement, level, 0, 0).start()) {
                Thread.sleep(2000); // every reader has its connection
                long before = probe.answered.get();
                long latencyBefore = probe.latencyNanos.get();
                long t0 = System.nanoTime();
                Thread.sleep(measureSeconds * 1000L);
                long answered = probe.answered.get() - before;
                double rate = answered / ((System.nanoTime() - t0) / 1e9);
                double latency = answered == 0 ? 0 : (probe.latencyNanos.get() - latencyBefore) / 1e6 / answered;
                search.append(String.format("%s%d readers → %.0f reads/s (mean %.0f ms)", search.isEmpty() ? "" : ", ", level, rate, latency));
                if (rate > max) {
                    max = rate;
                    bestLevel = level;
                    latencyAtMax = latency;
                } else if (rate < 0.9 * max) {
                    break; // past saturation
                }
            }
        }
        // the same-run baseline: the same readers GET the agreement through the gateway (token check, one row, no policy,
        // masking, quota or audit), so the maximum reads as a ratio on a machine whose load decides the absolute figure
        double baseline;
        try (ReadLoad bare = new ReadLoad(agreement, bestLevel, 0, 0).baseline("/api/exchange/agreements/" + agreement).start()) {
            Thread.sleep(2000);
            long before = bare.answered.get();
            long t0 = System.nanoTime();
            Thread.sleep(measureSeconds * 1000L);
            baseline = (bare.answered.get() - before) / ((System.nanoTime() - t0) / 1e9);
        }
        String nice = new String(new ProcessBuilder("ps", "-o", "ni=", "-p", Long.toString(AcceptanceStack.pid("exchange"))).start()
                .getInputStream().readAllBytes()).trim();
        double rate = 0.7 * max;
        // enough paced readers that each has slack: a reader waits for its answer before its next turn
        int soakThreads = (int) Math.min(128, Math.max(4, Math.ceil(rate * latencyAtMax / 1000 * 2)));
        List<Sample> samples = new ArrayList<>();
        ReadLoad soak = new ReadLoad(agreement, soakThreads, rate, 0).start();
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
        details.add(String.format("maximum measured: %.0f reads/s with %d concurrent readers (closed loop, %d s per level after a %d s warm-up; "
                        + "levels: %s; %d ms in all); services with the production JIT", max, bestLevel, measureSeconds, warmSeconds, search,
                (start - measureStart) / 1_000_000));
        details.add(String.format("baseline of the same run: %.0f answers/s for GET of the agreement through the gateway by the same %d readers "
                + "(token check, one row; no policy, masking, quota or audit): governed reads reach %.2f of it. The services ran at nice %s "
                + "(they inherit the build's priority) on 2 cores shared with other builds; benchmarks/ measures speed on a quiet machine",
                baseline, bestLevel, baseline == 0 ? 0 : max / baseline, nice));
        details.add(String.format("soak: target %.0f reads/s (70%%) by %d paced readers, achieved %.1f reads/s for %d s, mean latency %.1f ms; "
                + "%d reads, %d failed %s", rate, soakThreads, achieved, soakSeconds, soak.meanLatencyMillis(), soak.sent.get(), soak.failed(), soak.failures));
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
