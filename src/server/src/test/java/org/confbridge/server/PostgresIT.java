package org.confbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server on a real PostgreSQL (started for the test) takes calls and reports the database in health. */
class PostgresIT {

    @Test
    void answersCallsAndReportsPostgresInHealth() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
             RunningServer server = RunningServer.start(Map.of(
                     "CONF_DB_URL", postgres.getJdbcUrl("postgres", "postgres"),
                     "CONF_DB_USER", "postgres",
                     "CONF_DB_PASSWORD", ""))) {
            JsonNode health = Provisioning.parse(server.get("/api/ver1.0/health").body());
            assertThat(health.at("/database/status").asText()).isEqualTo("UP");
            assertThat(health.at("/database/product").asText()).startsWith("PostgreSQL");

            String conference = new Provisioning(server).newConference();
            for (Sipp.Transport transport : Sipp.Transport.values()) {
                Sipp.Result call = Sipp.scenario("call.xml").dial(conference).transport(transport).run(server);
                assertThat(call.exitCode()).as(call.describe()).isZero();
            }
            Sipp.Result unknown = Sipp.scenario("unknown.xml").dial("8080808080").run(server);
            assertThat(unknown.exitCode()).as(unknown.describe()).isZero();
            assertThat(server.output()).contains("database jdbc:postgresql:");
        }
    }
}
