package org.confbridge.app.live;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import javax.annotation.Resource;
import javax.ejb.Stateless;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import javax.sql.DataSource;

/** Whether the configuration database answers right now (for the health check). */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DatabaseStatus {

    private static final int VALIDATION_TIMEOUT_SECONDS = 2;

    @Resource(name = "jdbc/confbridge")
    private DataSource dataSource;

    /** Opens a connection and validates it; never throws. */
    public DatabaseHealth check() {
        long start = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            boolean valid = connection.isValid(VALIDATION_TIMEOUT_SECONDS);
            DatabaseMetaData meta = connection.getMetaData();
            return new DatabaseHealth(valid, meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion(),
                    elapsedMillis(start), valid ? null : "connection not valid");
        } catch (SQLException | RuntimeException e) {
            return new DatabaseHealth(false, null, elapsedMillis(start), e.getMessage());
        }
    }

    private static long elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
