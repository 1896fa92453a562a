package org.confbridge.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DatabaseErrorsTest {

    @Test
    void uniqueAndForeignKeyViolationsBySqlState() {
        assertThat(DatabaseErrors.isUniqueViolation(wrapped(new SQLException("dup", "23505")))).isTrue();
        assertThat(DatabaseErrors.isUniqueViolation(wrapped(new SQLException("fk", "23503")))).isFalse();
        assertThat(DatabaseErrors.isForeignKeyViolation(wrapped(new SQLException("fk", "23503")))).isTrue();
        assertThat(DatabaseErrors.isForeignKeyViolation(wrapped(new SQLException("fk", "23506")))).isTrue();
    }

    @Test
    void unreachableDatabase() {
        assertThat(DatabaseErrors.isUnavailable(wrapped(new SQLException("refused", "08001",
                new ConnectException("Connection refused"))))).isTrue();
        assertThat(DatabaseErrors.isUnavailable(wrapped(new SQLException("terminating", "57P01")))).isTrue();
        assertThat(DatabaseErrors.isUnavailable(wrapped(new SQLException("closed", "90098", 90098)))).isTrue();
        assertThat(DatabaseErrors.isUnavailable(wrapped(new SQLException("dup", "23505")))).isFalse();
        assertThat(DatabaseErrors.isUnavailable(new IllegalStateException("bug"))).isFalse();
    }

    @Test
    void diskFullAnywhereInTheChain() {
        assertThat(DatabaseErrors.isDiskFull(wrapped(new SQLException("io", "90028", 90028,
                new IOException("No space left on device"))))).isTrue();
        assertThat(DatabaseErrors.isDiskFull(wrapped(new SQLException("pg", "53100")))).isTrue();
        assertThat(DatabaseErrors.isDiskFull(wrapped(new SQLException("closed", "90098", 90098)))).isFalse();
    }

    @Test
    void lockConflicts() {
        assertThat(DatabaseErrors.isLockConflict(wrapped(new SQLException("serialization", "40001")))).isTrue();
        assertThat(DatabaseErrors.isLockConflict(wrapped(new SQLException("h2", "HYT00", 50200)))).isTrue();
        assertThat(DatabaseErrors.isLockConflict(wrapped(new SQLException("dup", "23505")))).isFalse();
    }

    private static RuntimeException wrapped(SQLException e) {
        return new RuntimeException("persistence failed", new RuntimeException("query failed", e));
    }
}
