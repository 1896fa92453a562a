package org.confbridge.app;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Logger;
import javax.annotation.PostConstruct;
import javax.annotation.Resource;
import javax.ejb.Singleton;
import javax.ejb.Startup;
import javax.ejb.TransactionManagement;
import javax.ejb.TransactionManagementType;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the database schema up to date at deployment, before any bean uses JPA.
 * Beans that touch the database during start-up declare {@code @DependsOn("DatabaseMigrator")}.
 * Bean-managed transactions: DDL must not run inside a container transaction.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class DatabaseMigrator {

    private static final Logger LOG = Logger.getLogger(DatabaseMigrator.class.getName());

    @Resource(name = "jdbc/confbridge")
    private DataSource dataSource;

    @PostConstruct
    void migrate() {
        Flyway flyway = Flyway.configure(DatabaseMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load();
        MigrateResult result = flyway.migrate();
        // Nothing to apply: the result names no target; the schema is at the latest applied version.
        String version = result.targetSchemaVersion != null ? result.targetSchemaVersion
                : flyway.info().current() == null ? "none" : flyway.info().current().getVersion().getVersion();
        LOG.info(() -> "Database schema at version " + version
                + " (" + result.migrationsExecuted + " migrations applied now)");
        makeCommitsDurable();
    }

    /**
     * H2 writes committed transactions to its file up to 500 ms later by default (WRITE_DELAY): a
     * request answered 201 could then be lost by a crash or, on a full disk, fail after it was
     * acknowledged. With 0 every commit is written to the file before it returns, so a write either
     * fails in the request (507/503) or survives a restart. PostgreSQL commits durably already.
     */
    private void makeCommitsDurable() {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.getMetaData().getDatabaseProductName().startsWith("H2")) {
                return;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET WRITE_DELAY 0");
            }
            LOG.info("H2: every commit is written to the database file before it is acknowledged (WRITE_DELAY 0)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot make H2 commits durable (SET WRITE_DELAY 0)", e);
        }
    }
}
