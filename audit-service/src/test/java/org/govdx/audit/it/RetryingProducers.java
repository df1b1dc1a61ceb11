package org.govdx.audit.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Producers as relays behave: each sends a batch of fresh events and resends the very same batch, with backoff,
 * until the audit service acknowledges it with a 2xx; only then does it make the next batch. Every event id
 * sent is remembered, and every acknowledged one.
 */
final class RetryingProducers {

    private final Supplier<String> baseUrl;
    private final String token;
    private final int producers;
    private final int batchSize;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();

    final Set<UUID> sent = ConcurrentHashMap.newKeySet();
    final Set<UUID> acknowledged = ConcurrentHashMap.newKeySet();
    final AtomicLong failures = new AtomicLong();

    RetryingProducers(Supplier<String> baseUrl, String token, int producers, int batchSize) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.producers = producers;
        this.batchSize = batchSize;
    }

    void start() {
        for (int p = 0; p < producers; p++) {
            int producer = p;
            Thread thread = new Thread(() -> run(producer), "producer-" + p);
            threads.add(thread);
            thread.start();
        }
    }

    /** Stops making new batches; waits until every batch sent has been acknowledged. */
    void stopAndDrain(Duration timeout) throws InterruptedException {
        stopping.set(true);
        for (Thread thread : threads) {
            thread.join(timeout.toMillis());
            if (thread.isAlive()) {
                throw new AssertionError(thread.getName() + " still has an unacknowledged batch after " + timeout);
            }
        }
    }

    private void run(int producer) {
        long seq = 0;
        while (!stopping.get()) {
            List<UUID> ids = new ArrayList<>();
            StringBuilder body = new StringBuilder("[");
            for (int i = 0; i < batchSize; i++) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                if (i > 0) {
                    body.append(',');
                }
                body.append("{\"eventId\":\"").append(id).append("\",\"occurredAt\":\"").append(Instant.now())
                        .append("\",\"source\":\"crash-test\",\"action\":\"data.read\",\"outcome\":\"ALLOWED\",\"ownerDepartment\":\"health\",")
                        .append("\"actor\":{\"username\":\"producer-").append(producer).append("\",\"department\":\"transport\"},")
                        .append("\"details\":{\"seq\":").append(seq++).append("}}");
            }
            body.append(']');
            sent.addAll(ids);
            long backoff = 50;
            while (true) {
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl.get() + "/api/audit/ingest"))
                                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                                    .header("Authorization", "Bearer " + token)
                                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() / 100 == 2) {
                        acknowledged.addAll(ids);
                        break;
                    }
                    failures.incrementAndGet();
                } catch (Exception e) {
                    failures.incrementAndGet();
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = Math.min(backoff * 2, 1000);
            }
        }
    }
}
