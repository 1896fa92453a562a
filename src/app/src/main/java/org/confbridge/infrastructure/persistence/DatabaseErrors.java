package org.confbridge.infrastructure.persistence;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Locale;

/**
 * What a failure from JPA/JDBC means, read from the cause chain: a unique key clash, a row lock
 * that could not be had, the database being unreachable, or the disk being full. SQL states are
 * the standard ones (H2 and PostgreSQL both use them); H2's own codes cover its file store.
 */
public final class DatabaseErrors {

    /** H2: database closed (after a fatal file error) / called at shutdown / file I/O error / file corrupted. */
    private static final int H2_DATABASE_IS_CLOSED = 90098;
    private static final int H2_DATABASE_CALLED_AT_SHUTDOWN = 90121;
    private static final int H2_IO_EXCEPTION_1 = 90028;
    private static final int H2_IO_EXCEPTION_2 = 90031;
    private static final int H2_FILE_CORRUPTED = 90030;
    private static final int H2_GENERAL_ERROR = 50000;
    /** H2: lock timeout, concurrent update of a row, deadlock. */
    private static final int H2_LOCK_TIMEOUT = 50200;
    private static final int H2_CONCURRENT_UPDATE = 90131;
    private static final int H2_DEADLOCK = 40001;

    private static final int MAX_DEPTH = 20;

    private DatabaseErrors() {
    }

    /** A UNIQUE or PRIMARY KEY constraint refused the row (SQL state 23505). */
    public static boolean isUniqueViolation(Throwable t) {
        for (SQLException e : sqlExceptions(t)) {
            if ("23505".equals(e.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** A FOREIGN KEY constraint refused the change (SQL state 23503, H2 23506 too). */
    public static boolean isForeignKeyViolation(Throwable t) {
        for (SQLException e : sqlExceptions(t)) {
            if ("23503".equals(e.getSQLState()) || "23506".equals(e.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Another transaction held or changed the row: serialization failure, deadlock, lock timeout. */
    public static boolean isLockConflict(Throwable t) {
        for (SQLException e : sqlExceptions(t)) {
            String state = e.getSQLState();
            int code = e.getErrorCode();
            if ("40001".equals(state) || "40P01".equals(state) || "55P03".equals(state)
                    || code == H2_LOCK_TIMEOUT || code == H2_CONCURRENT_UPDATE || code == H2_DEADLOCK) {
                return true;
            }
        }
        return false;
    }

    /** The disk under the database (or a file being written) is full. */
    public static boolean isDiskFull(Throwable t) {
        Throwable c = t;
        for (int depth = 0; c != null && depth < MAX_DEPTH; depth++, c = c.getCause()) {
            String message = c.getMessage() == null ? "" : c.getMessage().toLowerCase(Locale.ROOT);
            if (message.contains("no space left on device") || message.contains("disk full")
                    || message.contains("not enough space") || message.contains("could not extend file")
                    || (c instanceof SQLException s && "53100".equals(s.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The database cannot be used right now: no connection could be opened or kept (SQL state class
     * 08, 57P0x, PostgreSQL shutting down), or H2 closed its file after a fatal write error.
     */
    public static boolean isUnavailable(Throwable t) {
        if (isDiskFull(t)) {
            return true;
        }
        Throwable c = t;
        for (int depth = 0; c != null && depth < MAX_DEPTH; depth++, c = c.getCause()) {
            if (c instanceof SQLTransientConnectionException || c instanceof SQLNonTransientConnectionException
                    || c instanceof java.net.ConnectException || c instanceof java.net.SocketException
                    || c instanceof java.net.SocketTimeoutException) {
                return true;
            }
            if (c instanceof SQLException e) {
                String state = e.getSQLState() == null ? "" : e.getSQLState();
                int code = e.getErrorCode();
                if (state.startsWith("08") || state.startsWith("57P") || "53300".equals(state)
                        || code == H2_DATABASE_IS_CLOSED || code == H2_DATABASE_CALLED_AT_SHUTDOWN
                        || code == H2_IO_EXCEPTION_1 || code == H2_IO_EXCEPTION_2 || code == H2_FILE_CORRUPTED) {
                    return true;
                }
                if (code == H2_GENERAL_ERROR && e.getMessage() != null
                        && e.getMessage().toLowerCase(Locale.ROOT).contains("closed")) {
                    return true;
                }
            }
            if (c instanceof IOException) {
                return true;
            }
            String name = c.getClass().getName();
            // The pool's "cannot create a connection" wraps the driver's refusal.
            if (name.endsWith("SQLNestedException") || (c.getMessage() != null
                    && c.getMessage().startsWith("Cannot create PoolableConnectionFactory"))) {
                return true;
            }
        }
        return false;
    }

    private static java.util.List<SQLException> sqlExceptions(Throwable t) {
        java.util.List<SQLException> found = new java.util.ArrayList<>();
        Throwable c = t;
        for (int depth = 0; c != null && depth < MAX_DEPTH; depth++, c = c.getCause()) {
            if (c instanceof SQLException e) {
                found.add(e);
                SQLException next = e.getNextException();
                if (next != null) {
                    found.add(next);
                }
            }
        }
        return found;
    }
}
