package org.confbridge.server.hardening;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.confbridge.server.RunningServer;
import org.junit.jupiter.api.AfterAll;

/** {@link RaceAndTextAttacks} against a packaged server on a real PostgreSQL started for this class. */
class RestRacesPostgresIT extends RaceAndTextAttacks {

    private static EmbeddedPostgres postgres;
    private static RunningServer server;

    RestRacesPostgresIT() {
        super(baseUrl());
    }

    private static synchronized String baseUrl() {
        if (server == null) {
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

    @AfterAll
    static void stop() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }
}
