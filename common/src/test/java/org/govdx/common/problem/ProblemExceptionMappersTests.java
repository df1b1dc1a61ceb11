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
}
