package org.govdx.acceptance;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.govdx.testsupport.Tokens;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A steady load of governed VIEW reads (5 rows each) of one agreement through the gateway, by the consumer's steward:
 * closed-loop threads, optionally paced to a total rate, every {@code denialEvery}-th read asking for the FORBIDDEN field
 * (a refusal, audited too). Keeps the audit event id of every answered read and counts everything else by kind.
 */
final class ReadLoad implements AutoCloseable {

    static final int ROWS_PER_READ = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String agreementId;
    private final int threads;
    private final double ratePerSecond;
    private final int denialEvery;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicBoolean running = new AtomicBoolean();
    private Thread[] workers;
    final Set<String> allowedIds = ConcurrentHashMap.newKeySet();
    final Set<String> deniedIds = ConcurrentHashMap.newKeySet();
    final Map<String, AtomicLong> failures = new ConcurrentSkipListMap<>();
    final AtomicLong sent = new AtomicLong();
    /** Answered reads (for the baseline: answered GETs). */
    final AtomicLong answered = new AtomicLong();
    /** When set, the readers GET this path instead (the soak's baseline: no policy, masking, quota or audit). */
    private String baselinePath;
    final AtomicLong latencyNanos = new AtomicLong();
    private final byte[] read;
    private final byte[] refused;

    ReadLoad(String agreementId, int threads, double ratePerSecond, int denialEvery) {
        this.agreementId = agreementId;
        this.threads = threads;
        this.ratePerSecond = ratePerSecond;
        this.denialEvery = denialEvery;
        try {
            read = JSON.writeValueAsBytes(World.view(World.GRANTED, ROWS_PER_READ));
            refused = JSON.writeValueAsBytes(World.view(List.of("ethnicity"), ROWS_PER_READ));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Readers that GET {@code path} through the gateway as the consumer's steward instead of reading governed data. */
    ReadLoad baseline(String path) {
        this.baselinePath = path;
        return this;
    }

    ReadLoad start() {
        running.set(true);
        workers = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = new Thread(this::work, "read-load-" + i);
            workers[i].start();
        }
        return this;
    }

    private void work() {
        long interval = ratePerSecond <= 0 ? 0 : (long) (threads * 1e9 / ratePerSecond);
        long next = System.nanoTime();
        while (running.get()) {
            long n = sent.incrementAndGet();
            boolean deny = denialEvery > 0 && n % denialEvery == 0;
            long start = System.nanoTime();
            try {
                if (baselinePath != null) {
                    HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(AcceptanceStack.GATEWAY + baselinePath))
                            .timeout(Duration.ofSeconds(15)).header("Authorization", "Bearer " + Tokens.of(Principals.CONSUMER + "-steward")).GET()
                            .build(), HttpResponse.BodyHandlers.ofByteArray());
                    if (response.statusCode() == 200) {
                        answered.incrementAndGet();
                        latencyNanos.addAndGet(System.nanoTime() - start);
                    } else {
                        count("status " + response.statusCode());
                    }
                    continue;
                }
                HttpRequest request = HttpRequest.newBuilder(URI.create(AcceptanceStack.GATEWAY + "/api/exchange/agreements/" + agreementId + "/query"))
                        .timeout(Duration.ofSeconds(15)).header("Authorization", "Bearer " + Tokens.of(Principals.CONSUMER + "-steward"))
                        .header("Content-Type", "application/json").header("X-Case-Reference", "HRSS-2026-7")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(deny ? refused : read)).build();
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                String eventId = response.headers().firstValue("X-Audit-Event-Id").orElse(null);
                if (!deny && response.statusCode() == 200 && eventId != null) {
                    allowedIds.add(eventId);
                    answered.incrementAndGet();
                    latencyNanos.addAndGet(System.nanoTime() - start);
                } else if (deny && response.statusCode() == 403 && eventId != null) {
                    deniedIds.add(eventId);
                } else {
                    count("status " + response.statusCode() + (eventId == null ? "" : " (audited)"));
                }
            } catch (Exception e) {
                count(e.getClass().getSimpleName());
                LockSupport.parkNanos(50_000_000L); // a refused connection returns at once: do not spin
            }
            if (interval > 0) {
                next += interval;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                } else if (wait < -1_000_000_000L) {
                    next = System.nanoTime(); // fell behind by more than a second (a fault): do not burst to catch up
                }
            }
        }
    }

    private void count(String kind) {
        failures.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }

    long failed() {
        return failures.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Mean latency of answered reads, in milliseconds. */
    double meanLatencyMillis() {
        return answered.get() == 0 ? 0 : latencyNanos.get() / 1e6 / answered.get();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        if (workers != null) {
            for (Thread worker : workers) {
                worker.join(20_000);
            }
        }
    }
}
