package org.confbridge.server.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.confbridge.interfaces.rest.ApiClient;
import org.confbridge.interfaces.rest.ApiClient.Answer;
import org.confbridge.server.RunningServer;
import org.confbridge.server.media.ConferenceFixture;
import org.confbridge.testkit.Call;
import org.confbridge.testkit.CallState;
import org.confbridge.testkit.TestPhone;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stops under a running server: REST calls and token requests are answered 503 with
 * Retry-After at once (not after a 10 s wait, not 500), health says the database is down, the call
 * that was up goes on and a new call is refused 503 at once; when
 * PostgreSQL is started again on the same data the server serves again within seconds.
 */
class DatabaseOutageIT {

    private static final String EXTENSIONS = "/api/ver1.0/client/@me/extension/";
    private static final Duration FAST = Duration.ofMillis(1500);

    @Test
    void aStoppedDatabaseGetsFast503sAndTheServerRecoversWhenItReturns() throws Exception {
        Path pgData = Files.createTempDirectory("confbridge-pg-");
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(pgData).setCleanDataDirectory(false)
                .start();
        int pgPort = postgres.getPort();
        try (RunningServer server = RunningServer.start(Map.of(
                "CONF_DB_URL", postgres.getJdbcUrl("postgres", "postgres"),
                "CONF_DB_USER", "postgres",
                "CONF_DB_PASSWORD", ""));
             TestPhone phone = TestPhone.start()) {
            ApiClient api = new ApiClient(server.baseUrl());
            String token = api.token(RunningServer.ADMIN_CLIENT_ID, RunningServer.ADMIN_CLIENT_SECRET);
            assertThat(api.post(EXTENSIONS, token, extension()).status()).isEqualTo(201);
            ConferenceFixture conferences = new ConferenceFixture(server);
            ConferenceFixture.Conference conference = conferences.create(null);
            Call listener = conferences.dial(phone, conference, 500);
            Call talker = conferences.dial(phone, conference, 700);
            assertThat(listener.audio().awaitTone(700, ConferenceFixture.HEARD_DBFS, Duration.ofSeconds(8))).isTrue();

            postgres.close(); // stops the server process, keeps its data directory
            postgres = null;

            for (int i = 0; i < 5; i++) {
                assertFast503(() -> api.get(EXTENSIONS, token), "GET extensions");
                assertFast503(() -> api.post(EXTENSIONS, token, extension()), "POST extension");
                assertFast503(() -> api.tokenRequest(Map.of("grant_type", "client_credentials",
                        "client_id", RunningServer.ADMIN_CLIENT_ID, "client_secret", RunningServer.ADMIN_CLIENT_SECRET),
                        null), "POST /oauth/token");
            }
            Answer health = api.get("/api/ver1.0/health", null);
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json().at("/database/status").asText()).isEqualTo("DOWN");
            assertThat(listener.audio().awaitTone(700, ConferenceFixture.HEARD_DBFS, Duration.ofSeconds(8)))
                    .as("the call that was up goes on without the database").isTrue();
            long dialed = System.nanoTime();
            Call refused = phone.call(conferences.uri(conference));
            assertThat(refused.awaitState(CallState.FAILED, Duration.ofSeconds(5))).as(refused.toString()).isTrue();
            assertThat(refused.finalStatus()).isEqualTo(503);
            assertThat(Duration.ofNanos(System.nanoTime() - dialed)).isLessThan(Duration.ofSeconds(3));

            postgres = EmbeddedPostgres.builder().setDataDirectory(pgData).setCleanDataDirectory(false)
                    .setPort(pgPort).start();
            long restarted = System.nanoTime();
            Answer served = null;
            while (System.nanoTime() - restarted < Duration.ofSeconds(15).toNanos()) {
                served = api.get(EXTENSIONS, token);
                if (served.status() == 200) {
                    break;
                }
                assertThat(served.status()).as(served.toString()).isEqualTo(503);
                Thread.sleep(200); // polling interval while waiting for recovery, not a synchronisation
            }
            long recoveryMillis = (System.nanoTime() - restarted) / 1_000_000;
            assertThat(served.status()).as("served again %d ms after the database returned: %s", recoveryMillis,
                    served).isEqualTo(200);
            assertThat(recoveryMillis).isLessThan(10_000);
            System.out.println("database outage: recovered " + recoveryMillis + " ms after PostgreSQL returned");

            assertThat(api.post(EXTENSIONS, token, extension()).status()).isEqualTo(201);
            assertThat(api.token(RunningServer.ADMIN_CLIENT_ID, RunningServer.ADMIN_CLIENT_SECRET)).isNotBlank();
            assertThat(api.get("/api/ver1.0/health", null).status()).isEqualTo(200);
            Call newcomer = conferences.dial(phone, conference, 900);
            assertThat(listener.audio().awaitTone(900, ConferenceFixture.HEARD_DBFS, Duration.ofSeconds(8))).isTrue();
            newcomer.hangup();
            talker.hangup();
            listener.hangup();
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    private static void assertFast503(java.util.function.Supplier<Answer> request, String what) {
        long start = System.nanoTime();
        Answer answer = request.get();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(answer.status()).as("%s: %s", what, answer).isEqualTo(503);
        assertThat(answer.header("Retry-After")).as(what).isNotNull();
        assertThat(answer.json().get("error").asText()).isEqualTo("database_unavailable");
        assertThat(took).as("%s took %s", what, took).isLessThan(FAST);
    }

    private static String extension() {
        return "{\"name\":\"" + ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L)
                + "\",\"type\":\"conference\"}";
    }

}
