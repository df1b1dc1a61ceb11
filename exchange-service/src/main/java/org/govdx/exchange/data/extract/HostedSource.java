package org.govdx.exchange.data.extract;

import io.vertx.mutiny.sqlclient.Cursor;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import org.govdx.exchange.data.HostedColumns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Hosted rows through a server-side cursor in a read-only transaction on its own connection; the projection and the
 * row filter run in the SQL, and the next fetch runs on the event loop while the caller masks and writes this one
 * (at most two fetches in memory).
 */
final class HostedSource implements ExtractSource<Row> {

    private final SqlConnection conn;
    private final Transaction tx;
    private final Cursor cursor;
    private final int fetchSize;
    private final Duration timeout;
    private final HostedColumns columns;
    private CompletableFuture<RowSet<Row>> pending;

    HostedSource(Pool pool, String sql, List<Object> params, HostedColumns columns, int fetchSize, Duration timeout) {
        this.fetchSize = fetchSize;
        this.timeout = timeout;
        this.columns = columns;
        this.conn = pool.getConnection().await().atMost(timeout);
        Transaction begun = null;
        Cursor opened = null;
        try {
            begun = conn.begin().await().atMost(timeout);
            conn.query("set transaction read only").execute().await().atMost(timeout);
            opened = conn.prepare(sql).await().atMost(timeout).cursor(Tuple.from(params));
            pending = opened.read(fetchSize).subscribeAsCompletionStage();
        } catch (RuntimeException e) {
            conn.close().await().atMost(timeout);
            throw e;
        }
        this.tx = begun;
        this.cursor = opened;
    }

    @Override
    public List<Row> next() throws Exception {
        if (pending == null) {
            return List.of();
        }
        RowSet<Row> batch = pending.get(timeout.toSeconds(), TimeUnit.SECONDS);
        pending = cursor.hasMore() ? cursor.read(fetchSize).subscribeAsCompletionStage() : null;
        List<Row> rows = new ArrayList<>(batch.size());
        batch.forEach(rows::add);
        return rows;
    }

    @Override
    public void values(Row row, Object[] into) {
        columns.values(row, 0, into);
    }

    @Override
    public void abort() {
        // a fetch is short: the loop sees the stop flag when it returns
    }

    @Override
    public void close() {
        try {
            if (pending != null) {
                pending.handle((rows, failure) -> null).get(timeout.toSeconds(), TimeUnit.SECONDS);
            }
            cursor.close().await().atMost(timeout);
        } catch (Exception ignored) {
            // the rollback and close below end the cursor anyway
        } finally {
            try {
                tx.rollback().await().atMost(timeout);
            } catch (RuntimeException ignored) {
                // closing next
            }
            try {
                conn.close().await().atMost(timeout);
            } catch (RuntimeException ignored) {
                // the pool replaces it
            }
        }
    }
}
