package org.govdx.exchange.data.extract;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerResponse;
import jakarta.ws.rs.core.StreamingOutput;
import org.govdx.common.identity.Caller;
import org.govdx.exchange.data.GrantMapping;
import org.govdx.exchange.data.proxy.ProviderFailure;
import org.govdx.rules.extract.ExtractFormat;
import org.govdx.rules.extract.ExtractRows;
import org.govdx.rules.policy.Plan;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;

/**
 * Writes one export as it reads it from its {@link ExtractSource} (hosted rows through a server-side cursor, or the
 * provider's answer for a proxied dataset), a batch at a time: each row is masked and marked ({@link ExtractRows}),
 * encoded straight from its values, turned into UTF-8, hashed and written, in chunks masked side by side on the
 * available cores. The response stream blocks while the client's connection is full, so a slow client slows the
 * source (backpressure) and memory stays at about two batches whatever the size of the export. The export stops when
 * the agreement watch says so (the connection is closed, which also wakes a write blocked on a slow client, and the
 * source is woken), when the client goes away, when the provider fails mid-way, or at the reserved row limit.
 */
final class ExtractStream implements StreamingOutput {

    private static final Logger LOG = Logger.getLogger(ExtractStream.class);
    /** Rows masked and encoded by one task (below this a batch is not split). */
    private static final int CHUNK = 250;
    /** Rows recorded as delivered ahead of sending them, at least, per update of {@code data_extract.rows_accounted}. */
    static final int ACCOUNTING_STEP = 10_000;

    private final ExtractService service;
    final UUID extractId;
    final Caller caller;
    final GrantMapping.AgreementRow agreement;
    final Plan plan;
    private final ExtractFormat format;
    private final ExtractRows rows;
    private final Supplier<ExtractSource<?>> opener;
    final long rowLimit;
    final boolean quotaCounted;
    final LocalDate quotaDay;
    final String requestHash;
    final Optional<String> caseReference;
    final Optional<String> onBehalfOf;
    final String purpose;
    private final HttpConnection connection;
    private final HttpServerResponse response;
    private volatile String stopReason;
    private volatile ExtractSource<?> source;
    /** The thread writing the export while it does (guarded by this): a stop interrupts it, wherever it waits. */
    private Thread writer;
    /** Rows recorded in {@code data_extract.rows_accounted}: never fewer than were sent. */
    private long accounted;

    ExtractStream(ExtractService service, UUID extractId, Caller caller, GrantMapping.AgreementRow agreement, Plan plan, ExtractFormat format,
                  ExtractRows rows, Supplier<ExtractSource<?>> opener, long rowLimit, boolean quotaCounted, LocalDate quotaDay,
                  String requestHash, Optional<String> caseReference, Optional<String> onBehalfOf, String purpose, HttpConnection connection,
                  HttpServerResponse response) {
        this.service = service;
        this.extractId = extractId;
        this.caller = caller;
        this.agreement = agreement;
        this.plan = plan;
        this.format = format;
        this.rows = rows;
        this.opener = opener;
        this.rowLimit = rowLimit;
        this.quotaCounted = quotaCounted;
        this.quotaDay = quotaDay;
        this.requestHash = requestHash;
        this.caseReference = caseReference;
        this.onBehalfOf = onBehalfOf;
        this.purpose = purpose;
        this.connection = connection;
        this.response = response;
    }

    @Override
    public void write(OutputStream out) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        synchronized (this) {
            writer = Thread.currentThread();
        }
        service.watch.watch(extractId, agreement.id(), this::stop);
        long written = 0;
        try {
            source = opener.get();
            if (stopReason != null) {
                source.abort();
            }
            StringBuilder header = new StringBuilder();
            format.header(plan.projection(), header);
            send(header.toString().getBytes(StandardCharsets.UTF_8), out, digest);
            written = copy(source, out, digest);
            if (stopReason == null) {
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopReason = stopReason == null ? "FAILED" : stopReason;
        } catch (ProviderFailure f) {
            if (stopReason == null) {
                stopReason = "PROVIDER_" + f.kind().name();
            }
        } catch (Partial p) {
            written = p.written;
            if (stopReason == null) {
                stopReason = p.getCause() instanceof ProviderFailure f ? "PROVIDER_" + f.kind().name()
                        : p.getCause() instanceof IOException ? "CLIENT_GONE" : "FAILED";
                if (stopReason.equals("FAILED")) {
                    LOG.errorf(p.getCause(), "export %s failed", extractId);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (stopReason == null) {
                stopReason = e instanceof IOException ? "CLIENT_GONE" : "FAILED";
                if (!(e instanceof IOException)) {
                    LOG.errorf(e, "export %s failed", extractId);
                }
            }
        } finally {
            service.watch.release(extractId);
            if (source != null) {
                source.close();
            }
        }
        String state = "COMPLETED";
        String reason = null;
        if (stopReason != null) {
            state = "FAILED".equals(stopReason) || stopReason.startsWith("PROVIDER_") ? "FAILED" : "STOPPED";
            reason = stopReason;
        }
        synchronized (this) {
            writer = null;
            if (reason != null && reason.startsWith("AGREEMENT_")) {
                Thread.interrupted(); // the interrupt a stop sent is not the thread's own: the end must still be recorded
            }
        }
        service.finish(this, state, reason, written, HexFormat.of().formatHex(digest.digest()));
        if (reason != null) {
            // the client must not mistake a stopped export for a whole one: the connection closes before the last chunk
            if (connection == null) {
                throw new IOException("export " + extractId + " stopped: " + reason);
            }
            connection.close();
        }
    }

    /** A failure after some rows were sent, with how many. */
    private static final class Partial extends RuntimeException {
        final long written;

        Partial(Throwable cause, long written) {
            super(cause);
            this.written = written;
        }
    }

    /** Copies the source's rows up to the row limit or a stop; the rows written. */
    private <R> long copy(ExtractSource<R> from, OutputStream out, MessageDigest digest) throws InterruptedException {
        long written = 0;
        ExtractFormat.RowWriter writer = format.writer(plan.projection());
        try {
            while (stopReason == null && written < rowLimit) {
                List<R> batch = from.next();
                if (batch.isEmpty()) {
                    break;
                }
                int n = (int) Math.min(batch.size(), rowLimit - written);
                if (written + n > accounted) {
                    // counted as delivered before the bytes leave: a crash from here on refunds only what certainly never left
                    accounted = Math.min(rowLimit, written + Math.max(n, ACCOUNTING_STEP));
                    service.account(extractId, accounted);
                }
                for (Encoded part : encode(from, batch.subList(0, n), writer)) {
                    if (!send(part.bytes(), out, digest)) {
                        return written;
                    }
                    written += part.rows();
                }
                out.flush(); // each batch leaves now: rows a slow provider trickles are not held back, and the status goes with the first
            }
            return written;
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new Partial(e instanceof ExecutionException x && x.getCause() != null ? x.getCause() : e, written);
        }
    }

    /** Rows of one chunk of a batch, masked, marked and encoded as UTF-8. */
    private record Encoded(byte[] bytes, int rows) {
    }

    /**
     * Masks and encodes a batch in chunks, in order, on up to {@code govdx.data.extract-parallelism} threads (this
     * one takes the first chunk, the common pool the others): masking is the export's main cost.
     */
    private <R> List<Encoded> encode(ExtractSource<R> from, List<R> batch, ExtractFormat.RowWriter writer) throws InterruptedException, ExecutionException {
        int chunks = Math.max(1, Math.min(service.parallelism(), batch.size() / CHUNK));
        int size = (batch.size() + chunks - 1) / chunks;
        List<CompletableFuture<Encoded>> others = new ArrayList<>();
        for (int c = 1; c < chunks; c++) {
            List<R> part = batch.subList(Math.min(batch.size(), c * size), Math.min(batch.size(), (c + 1) * size));
            others.add(CompletableFuture.supplyAsync(() -> encodeChunk(from, part, writer), ForkJoinPool.commonPool()));
        }
        List<Encoded> out = new ArrayList<>(chunks);
        out.add(encodeChunk(from, batch.subList(0, Math.min(batch.size(), size)), writer));
        for (CompletableFuture<Encoded> f : others) {
            out.add(f.get());
        }
        return out;
    }

    private <R> Encoded encodeChunk(ExtractSource<R> from, List<R> part, ExtractFormat.RowWriter writer) {
        StringBuilder text = new StringBuilder(part.size() * 256);
        Object[] values = new Object[plan.projection().size()];
        for (R r : part) {
            from.values(r, values);
            rows.write(values, writer, text);
        }
        return new Encoded(text.toString().getBytes(StandardCharsets.UTF_8), part.size());
    }

    /**
     * Writes bytes. While the client's connection is full this thread waits here, checking the stop flag every
     * 10 ms, rather than inside the response stream (whose blocked write a closed connection does not always wake):
     * backpressure, and a stop that is never stuck behind a slow client. False when the export stopped instead.
     */
    private boolean send(byte[] bytes, OutputStream out, MessageDigest digest) throws IOException {
        while (response != null && response.writeQueueFull() && stopReason == null && !response.closed()) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        if (stopReason != null) {
            return false;
        }
        if (bytes.length == 0) {
            return true;
        }
        digest.update(bytes);
        out.write(bytes);
        return true;
    }

    /** Called by the agreement watch: stop at the next chunk, close the client's connection (a blocked write wakes up) and wake the source. */
    private void stop(String reason) {
        stopReason = "AGREEMENT_" + reason;
        ExtractSource<?> s = source;
        if (s != null) {
            s.abort();
        }
        if (connection != null) {
            connection.close();
        }
        // A write can block inside the response stream until the client drains it, and a closed connection did not
        // always wake it (a revoked export stayed RUNNING in CI): the writer is interrupted too, wherever it waits; each
        // of its waits then ends the copy, and the interrupt is cleared before the end is recorded.
        synchronized (this) {
            if (writer != null) {
                writer.interrupt();
            }
        }
    }
}
