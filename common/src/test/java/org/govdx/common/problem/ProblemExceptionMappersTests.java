package org.govdx.common.problem;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemExceptionMappersTests {

    @Test
    void textPostgresqlCannotStoreIsBadInputHoweverDeepTheDriverWrappedIt() {
        // Hibernate Reactive turns the driver's error into an SQLException inside its own exceptions
        assertThat(ProblemExceptionMappers.isUnstorableText(new RuntimeException("insert failed",
                new IllegalStateException(new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021"))))).isTrue();
        assertThat(ProblemExceptionMappers.isUnstorableText(new SQLException("unsupported Unicode escape sequence", "22P05"))).isTrue();
        assertThat(ProblemExceptionMappers.isUnstorableText(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(ProblemExceptionMappers.isUnstorableText(new RuntimeException("boom"))).isFalse();
    }

    @Test
    void aDatabaseThatIsDownRestartingOrDroppedTheConnectionIsUnavailableNotBroken() {
        // what the exchange logged as 500s while the acceptance suite restarted its PostgreSQL (decision 0061)
        assertThat(ProblemExceptionMappers.isDatabaseUnavailable(new java.util.concurrent.CompletionException(
                new java.net.ConnectException("Connection refused: /127.0.0.1:16732")))).isTrue();
        assertThat(ProblemExceptionMappers.isDatabaseUnavailable(
                new io.vertx.pgclient.PgException("the database system is shutting down", "FATAL", "57P03", null))).isTrue();
        assertThat(ProblemExceptionMappers.isDatabaseUnavailable(
                new io.vertx.pgclient.PgException("terminating connection due to administrator command", "FATAL", "57P01", null))).isTrue();
        assertThat(ProblemExceptionMappers.isDatabaseUnavailable(new RuntimeException("wrapped",
                io.vertx.sqlclient.ClosedConnectionException.INSTANCE))).isTrue();
        assertThat(ProblemExceptionMappers.isDatabaseUnavailable(new SQLException("connection failure", "08006"))).isTrue();
        assertThat(ProblemExceptionMappers.isDatabaseUnavailable(new java.util.concurrent.CompletionException(
                new java.net.SocketException("Connection reset")))).isTrue();
        assertThat(ProblemExceptionMappers.isDatabaseUnavailable(new IllegalStateException(
                new io.vertx.core.impl.NoStackTraceThrowable("Connection is not active now, current status: CLOSED")))).isTrue();
        // a query that is wrong, a conflict or a plain bug stays what it is
        assertThat(ProblemExceptionMappers.isDatabaseUnavailable(new io.vertx.pgclient.PgException("syntax error", "ERROR", "42601", null))).isFalse();
        assertThat(ProblemExceptionMappers.isDatabaseUnavailable(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(ProblemExceptionMappers.isDatabaseUnavailable(new IllegalStateException("boom"))).isFalse();
    }
}
