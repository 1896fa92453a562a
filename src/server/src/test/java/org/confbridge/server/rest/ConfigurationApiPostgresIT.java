package org.confbridge.server.rest;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.confbridge.interfaces.rest.ConfigurationApiSuite;
import org.confbridge.server.RunningServer;
import org.junit.jupiter.api.AfterAll;

/** The same REST suite against the packaged server on a real PostgreSQL started for this test. */
class ConfigurationApiPostgresIT extends ConfigurationApiSuite {

    private EmbeddedPostgres postgres;
    private RunningServer server;

    @Override
    protected String baseUrl() {
        if (server == null) { // the suite's @BeforeAll asks first
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server = RunningServer.start(Map.of(
                    "CONF_DB_URL", postgres.getJdbcUrl("postgres", "postgres"),
                    "CONF_DB_USER", "postgres",
                    "CONF_DB_PASSWORD", ""));
        }
        return server.baseUrl();
    }

    @Override
    protected String adminClientId() {
        return RunningServer.ADMIN_CLIENT_ID;
    }

    @Override
    protected String adminClientSecret() {
        return RunningServer.ADMIN_CLIENT_SECRET;
    }

    @AfterAll
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
