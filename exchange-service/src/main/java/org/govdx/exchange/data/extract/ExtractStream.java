package org.govdx.exchange.data.extract;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.mutiny.sqlclient.Cursor;
import io.vertx.mutiny.sqlclient.PreparedStatement;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.ws.rs.core.StreamingOutput;
import org.govdx.common.identity.Caller;
import org.govdx.exchange.data.GrantMapping;
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
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes one export as it reads it: a server-side cursor (in a read-only transaction on its own connection) fetches
 * {@code fetchSize} rows at a time; each row is masked and marked ({@link ExtractRows}), encoded, hashed and written
 * in blocks of about 64 KiB. The response stream blocks while the client's connection is full, so a slow client
 * slows the cursor (backpressure) and memory stays at one fetch plus one block whatever the size of the export.
 * The export stops when the agreement watch says so (the connection is closed, which also wakes a write blocked
 * on a slow client), when the client goes away, or at the reserved row limit.
 */
final class ExtractStream implements StreamingOutput {

    private static final Logger LOG = Logger.getLogger(ExtractStream.class);
    private static final int BLOCK = 64 * 1024;

    private final ExtractService service;
    final UUID extractId;
    final Caller caller;
    final GrantMapping.AgreementRow agreement;
    final Plan plan;
    private final ExtractFormat format;
    private final ExtractRows rows;
    private final String sql;
    private final List<Object> params;
    private final List<String> types;
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

    ExtractStream(ExtractService service, UUID extractId, Caller caller, GrantMapping.AgreementRow agreement, Plan plan, ExtractFormat format,
                  ExtractRows rows, String sql, List<Object> params, List<String> types, long rowLimit, boolean quotaCounted, LocalDate quotaDay,
                  String requestHash, Optional<String> caseReference, Optional<String> onBehalfOf, String purpose, HttpConnection connection,
                  HttpServerResponse response) {
        this.service = service;
        this.extractId = extractId;
        this.caller = caller;
        this.agreement = agreement;
        this.plan = plan;
        this.format = format;
        this.rows = rows;
        this.sql = sql;
        this.params = params;
        this.types = types;
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
        service.watch.watch(extractId, agreement.id(), this::stop);
        long written = 0;
        String state = "COMPLETED";
        String reason = null;
        SqlConnection conn = null;
        Transaction tx = null;
        try {
            conn = service.pool.getConnection().await().atMost(ExtractService.DB);
            tx = conn.begin().await().atMost(ExtractService.DB);
            conn.query("set transaction read only").execute().await().atMost(ExtractService.DB);
            PreparedStatement ps = conn.prepare(sql).await().atMost(ExtractService.DB);
            Cursor cursor = ps.cursor(Tuple.from(params));
            List<String> fields = plan.projection();
            StringBuilder block = new StringBuilder(BLOCK + 4096);
            format.header(fields, block);
            long inBlock = 0;
            // the next fetch runs on the event loop while this thread masks and writes the current one (at most two in memory)
            CompletableFuture<RowSet<Row>> pending = cursor.read(service.fetchSize).subscribeAsCompletionStage();
            outer:
            while (pending != null) {
                if (stopReason != null) {
                    break;
                }
                RowSet<Row> batch = pending.get(ExtractService.DB.toSeconds(), TimeUnit.SECONDS);
                pending = cursor.hasMore() ? cursor.read(service.fetchSize).subscribeAsCompletionStage() : null;
                List<Row> fetched = new ArrayList<>(batch.size());
                batch.forEach(fetched::add);
                int n = (int) Math.min(fetched.size(), rowLimit - written - inBlock);
                for (Encoded part : encode(fetched.subList(0, n), fields)) {
                    block.append(part.text());
                    inBlock += part.rows();
                    if (block.length() >= BLOCK) {
                        if (send(block, out, digest)) {
                            written += inBlock;
                            inBlock = 0;
                        }
                        if (stopReason != null) {
                            break outer;
                        }
                    }
                }
                if (written + inBlock >= rowLimit) {
                    break;
                }
            }
            if (pending != null) {
                pending.handle((rows, failure) -> null).get(ExtractService.DB.toSeconds(), TimeUnit.SECONDS);
            }
            if (stopReason == null) {
                send(block, out, digest);
                written += inBlock;
                out.flush();
            }
            cursor.close().await().atMost(ExtractService.DB);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopReason = stopReason == null ? "FAILED" : stopReason;
        } catch (IOException | RuntimeException | ExecutionException | TimeoutException e) {
            if (stopReason == null) {
                stopReason = e instanceof IOException ? "CLIENT_GONE" : "FAILED";
                if (!(e instanceof IOException)) {
                    LOG.errorf(e, "export %s failed", extractId);
                }
            }
        } finally {
            service.watch.release(extractId);
            if (tx != null) {
                try {
                    tx.rollback().await().atMost(ExtractService.DB);
                } catch (RuntimeException ignored) {
                    // closing next
                }
            }
            if (conn != null) {
                try {
                    conn.close().await().atMost(ExtractService.DB);
                } catch (RuntimeException ignored) {
                    // the pool replaces it
                }
            }
        }
        if (stopReason != null) {
            state = "FAILED".equals(stopReason) ? "FAILED" : "STOPPED";
            reason = stopReason;
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

    /** Rows of one chunk of a fetch, masked, marked and encoded. */
    private record Encoded(String text, int rows) {
    }

    /**
     * Masks and encodes a fetch in up to {@code govdx.data.extract-parallelism} chunks (this thread takes the first,
     * the common pool the others), in order: masking is the export's main cost and the second core is otherwise idle
     * while PostgreSQL streams.
     */
    private List<Encoded> encode(List<Row> fetched, List<String> fields) throws InterruptedException, ExecutionException {
        int chunks = Math.max(1, Math.min(service.parallelism(), fetched.size() / 250));
        int size = (fetched.size() + chunks - 1) / chunks;
        List<CompletableFuture<Encoded>> others = new ArrayList<>();
        for (int c = 1; c < chunks; c++) {
            List<Row> part = fetched.subList(Math.min(fetched.size(), c * size), Math.min(fetched.size(), (c + 1) * size));
            others.add(CompletableFuture.supplyAsync(() -> encodeChunk(part, fields), ForkJoinPool.commonPool()));
        }
        List<Encoded> out = new ArrayList<>(chunks);
        out.add(encodeChunk(fetched.subList(0, Math.min(fetched.size(), size)), fields));
        for (CompletableFuture<Encoded> f : others) {
            out.add(f.get());
        }
        return out;
    }

    private Encoded encodeChunk(List<Row> part, List<String> fields) {
        StringBuilder text = new StringBuilder(part.size() * 200);
        Map<String, Object> source = new HashMap<>();
        for (Row r : part) {
            for (int i = 0; i < fields.size(); i++) {
                source.put(fields.get(i), HostedValues.typed(r.getString(i), types.get(i)));
            }
            format.row(fields, rows.row(source), text);
        }
        return new Encoded(text.toString(), part.size());
    }

    /**
     * Writes a block. While the client's connection is full this thread waits here, checking the stop flag every
     * 10 ms, rather than inside the response stream (whose blocked write a closed connection does not always wake):
     * backpressure, and a stop that is never stuck behind a slow client.
     */
    private boolean send(StringBuilder block, OutputStream out, MessageDigest digest) throws IOException {
        if (block.isEmpty()) {
            return true;
        }
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
        byte[] bytes = block.toString().getBytes(StandardCharsets.UTF_8);
        block.setLength(0);
        digest.update(bytes);
        out.write(bytes);
        return true;
    }

    /** Called by the agreement watch: stop at the next row and close the client's connection (a blocked write wakes up). */
    private void stop(String reason) {
        stopReason = "AGREEMENT_" + reason;
        if (connection != null) {
            connection.close();
        }
    }
}
