package org.govdx.benchmarks;

import org.govdx.devstack.Databases;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code audit-ingest}: how fast the audit service logs events durably (fsync on) with its Merkle tree and
 * checkpoints, fed by 256 concurrent producers over loopback HTTP, each posting batches of {@value #BATCH} events and
 * waiting for the acknowledgement (sent after the commit) before its next batch, as outbox relays do.
 * <ol>
 *   <li>throughput: the producers post back to back for {@code seconds}; events acknowledged per second;</li>
 *   <li>latency: the producers post on a fixed schedule adding up to {@value #TARGET_RATE} events/s; the p99 time
 *       from each batch's scheduled send to its acknowledgement (so a stall counts in full);</li>
 *   <li>baseline, same run, same PostgreSQL, service stopped: the same rows inserted by plain batched INSERTs
 *       (JDBC batches of 500 rows per transaction, reWriteBatchedInserts, 4 connections) into a copy of log_entry
 *       with the same indexes: rows per second.</li>
 * </ol>
 * The database ({@value #DATABASE}) is dropped afterwards.
 */
public final class AuditIngestBenchmark {

    static final String DATABASE = "govdx_audit_bench_ingest";
    static final int PORT = 8795;
    static final int PRODUCERS = 256;
    static final int BATCH = 20;
    static final int TARGET_RATE = 10_000;
    static final int BASELINE_CONNECTIONS = 4;
    static final int BASELINE_BATCH = 500;

    private AuditIngestBenchmark() {
    }

    record Run(double eventsPerSecond, double p50Millis, double p99Millis, long requests, long failures) {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Databases.recreate(AuditBench.DB_HOST, AuditBench.DB_PORT, AuditBench.DB_USER, AuditBench.DB_PASSWORD, DATABASE);
        Process service = AuditBench.startService(root, DATABASE, PORT);
        Run throughput;
        Run paced;
        try {
            String token = AuditBench.serviceToken();
            // HTTP/1.1: one connection per producer, as relays in separate services have (the JDK client would otherwise
            // upgrade to h2c and multiplex every producer over one HTTP/2 connection)
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            System.out.println("warming up (20 s)");
            load(http, token, 20, 0);
            double[] before = sequencerCounters(http);
            throughput = load(http, token, seconds, 0);
            double[] after = sequencerCounters(http);
            System.out.printf("throughput: %.0f events/s acknowledged (p50 %.1f ms, p99 %.1f ms, %d requests, %d failed); "
                            + "%.0f entries per transaction, %.0f groups queued again%n", throughput.eventsPerSecond(), throughput.p50Millis(),
                    throughput.p99Millis(), throughput.requests(), throughput.failures(),
                    (after[1] - before[1]) / Math.max(1, after[0] - before[0]), after[2] - before[2]);
            paced = load(http, token, seconds, TARGET_RATE);
            System.out.printf("paced at %d events/s offered: %.0f events/s acknowledged, p50 %.1f ms, p99 %.1f ms (%d failed)%n",
                    TARGET_RATE, paced.eventsPerSecond(), paced.p50Millis(), paced.p99Millis(), paced.failures());
        } finally {
            AuditBench.stop(service);
        }
        double[] baseline = plainInserts(seconds);
        System.out.printf("baseline: %.0f rows/s by batched plain INSERT (p99 %.1f ms per %d-row transaction)%n", baseline[0], baseline[1],
                BASELINE_BATCH);
        try (Connection c = AuditBench.jdbc("postgres"); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + DATABASE + " with (force)");
        }
        String baselineName = "batched plain INSERT of the same log_entry rows (JDBC, " + BASELINE_BATCH + " rows/transaction, "
                + BASELINE_CONNECTIONS + " connections, fsync on)";
        Results.write(root, "audit-ingest", "./benchmarks/run audit-ingest", List.of(
                Result.higherIsBetter("audit-ingest", throughput.eventsPerSecond(), "events/s", baselineName + ", rows/s", baseline[0]),
                Result.lowerIsBetter("audit-ingest-ack-p99-at-" + TARGET_RATE, paced.p99Millis(), "ms",
                        "p99 commit time of one " + BASELINE_BATCH + "-row plain INSERT transaction", baseline[1]),
                Result.higherIsBetter("audit-ingest-sustained-at-" + TARGET_RATE, paced.eventsPerSecond(), "events/s",
                        "events/s offered by " + PRODUCERS + " producers", TARGET_RATE)));
    }

    /**
     * {@value #PRODUCERS} producers for {@code seconds}: back to back when {@code rate} is 0, else each on a schedule
     * so that together they offer {@code rate} events/s.
     */
    static Run load(HttpClient http, String token, int seconds, int rate) throws InterruptedException {
        URI ingest = URI.create("http://127.0.0.1:" + PORT + "/api/audit/ingest");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong acknowledged = new AtomicLong();
        AtomicLong requests = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicLong seq = new AtomicLong();
        List<AuditBench.Longs> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long intervalNanos = rate == 0 ? 0 : (long) (1e9 * PRODUCERS * BATCH / rate);
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        for (int p = 0; p < PRODUCERS; p++) {
            AuditBench.Longs mine = new AuditBench.Longs();
            latencies.add(mine);
            Thread thread = new Thread(() -> {
                long next = start + (intervalNanos == 0 ? 0 : ThreadLocalRandom.current().nextLong(intervalNanos));
                while (!stop.get()) {
                    if (intervalNanos > 0) {
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            try {
                                TimeUnit.NANOSECONDS.sleep(wait);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    }
                    long scheduled = intervalNanos > 0 ? next : System.nanoTime();
                    if (scheduled >= end) {
                        return;
                    }
                    StringBuilder body = new StringBuilder(BATCH * 600).append('[');
                    Instant now = Instant.now();
                    for (int i = 0; i < BATCH; i++) {
                        body.append(i == 0 ? "" : ",").append(AuditBench.event(UUID.randomUUID(), now, seq.incrementAndGet()));
                    }
                    body.append(']');
                    HttpRequest request = HttpRequest.newBuilder(ingest).timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
                    // as a relay: resend the same batch until it is acknowledged
                    while (true) {
                        requests.incrementAndGet();
                        try {
                            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                            if (response.statusCode() / 100 == 2) {
                                break;
                            }
                            // the log is busy (503): wait as long as it asks, as the relays' back-off does
                            long retryAfter = response.headers().firstValueAsLong("Retry-After").orElse(0);
                            if (retryAfter > 0) {
                                failures.incrementAndGet();
                                TimeUnit.SECONDS.sleep(retryAfter);
                                continue;
                            }
                        } catch (Exception e) {
                            if (e instanceof InterruptedException) {
                                return;
                            }
                        }
                        failures.incrementAndGet();
                    }
                    long done = System.nanoTime();
                    if (done <= end) {
                        acknowledged.addAndGet(BATCH);
                        mine.add((done - scheduled) / 1000);
                    }
                    next += intervalNanos;
                }
            }, "producer-" + p);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(end - start));
        stop.set(true);
        for (Thread thread : threads) {
            thread.join(35_000);
        }
        long[] sorted = AuditBench.sorted(latencies.stream().map(AuditBench.Longs::toArray).toList());
        return new Run(acknowledged.get() / (double) seconds, AuditBench.quantile(sorted, 0.50) / 1000.0,
                AuditBench.quantile(sorted, 0.99) / 1000.0, requests.get(), failures.get());
    }

    /** The sequencer's counters from the service's metrics: {groups committed, entries appended, batches queued again}. */
    static double[] sequencerCounters(HttpClient http) throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return new double[]{counter(metrics, "govdx_audit_sequencer_groups_total"), counter(metrics, "govdx_audit_sequencer_entries_total"),
                counter(metrics, "govdx_audit_sequencer_retries_total")};
    }

    private static double counter(String metrics, String name) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    /** The baseline: {rows/s, p99 ms per transaction} of plain batched INSERTs of the same rows. */
    static double[] plainInserts(int seconds) throws Exception {
        try (Connection c = AuditBench.jdbc(DATABASE); Statement s = c.createStatement()) {
            s.execute("drop table if exists plain_log_entry");
            s.execute("create table plain_log_entry (like log_entry including all)");
            s.execute("create sequence if not exists plain_idx");
        }
        AtomicLong next = new AtomicLong();
        AtomicLong rows = new AtomicLong();
        List<AuditBench.Longs> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long warmEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        long end = warmEnd + TimeUnit.SECONDS.toNanos(seconds);
        for (int t = 0; t < BASELINE_CONNECTIONS; t++) {
            AuditBench.Longs mine = new AuditBench.Longs();
            latencies.add(mine);
            Thread thread = new Thread(() -> {
                try (Connection c = AuditBench.jdbc(DATABASE, "reWriteBatchedInserts=true")) {
                    c.setAutoCommit(false);
                    PreparedStatement insert = c.prepareStatement("insert into plain_log_entry (idx, event_id, entry, leaf_hash, occurred_at, "
                            + "source, action, outcome, actor_username, actor_department, owner_department, dataset_id, agreement_id) "
                            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                    while (System.nanoTime() < end) {
                        long began = System.nanoTime();
                        Instant now = Instant.now();
                        for (int i = 0; i < BASELINE_BATCH; i++) {
                            long seq = next.getAndIncrement();
                            UUID id = UUID.randomUUID();
                            String entry = AuditBench.event(id, now, seq);
                            insert.setLong(1, seq);
                            insert.setObject(2, id);
                            insert.setString(3, entry);
                            insert.setBytes(4, AuditBench.leafHash(entry));
                            insert.setTimestamp(5, Timestamp.from(now));
                            insert.setString(6, "exchange");
                            insert.setString(7, "data.read");
                            insert.setString(8, "ALLOWED");
                            insert.setString(9, "service-account-" + AuditBench.department(seq) + "-system");
                            insert.setString(10, AuditBench.department(seq));
                            insert.setString(11, AuditBench.owner(seq));
                            insert.setString(12, "ds-" + AuditBench.owner(seq) + "-" + (seq % 53));
                            insert.setString(13, "agr-" + (seq % 997));
                            insert.addBatch();
                        }
                        insert.executeBatch();
                        c.commit();
                        long done = System.nanoTime();
                        if (began >= warmEnd && done <= end) {
                            rows.addAndGet(BASELINE_BATCH);
                            mine.add((done - began) / 1000);
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long[] sorted = AuditBench.sorted(latencies.stream().map(AuditBench.Longs::toArray).toList());
        return new double[]{rows.get() / (double) seconds, AuditBench.quantile(sorted, 0.99) / 1000.0};
    }
}
