package org.govdx.exchange.data;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;

import java.time.Duration;
import java.util.function.Function;

/**
 * One database transaction for data-plane code that runs on a worker thread and waits for each statement: the work
 * gets a connection inside the transaction; it commits when the work returns and rolls back when it throws; the
 * connection always goes back to the pool. (Event-loop code uses {@code Pool.withTransaction} instead.)
 */
public final class BlockingTransaction {

    private BlockingTransaction() {
    }

    /** Runs {@code work} in a transaction and returns its result after the commit; each step waits at most {@code timeout}. */
    public static <T> T run(Pool pool, Duration timeout, Function<SqlConnection, T> work) {
        SqlConnection conn = pool.getConnection().await().atMost(timeout);
        Transaction tx = null;
        try {
            tx = conn.begin().await().atMost(timeout);
            T result = work.apply(conn);
            tx.commit().await().atMost(timeout);
            tx = null;
            return result;
        } finally {
            if (tx != null) {
                try {
                    tx.rollback().await().atMost(timeout);
                } catch (RuntimeException ignored) {
                    // the connection is closed next; PostgreSQL rolls back what was not committed
                }
            }
            conn.close().await().atMost(timeout);
        }
    }
}
