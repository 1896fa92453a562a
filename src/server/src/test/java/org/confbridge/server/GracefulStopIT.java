package org.confbridge.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confbridge.server.media.ConferenceFixture.HEARD_DBFS;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.confbridge.interfaces.rest.ApiClient;
import org.confbridge.server.media.ConferenceFixture;
import org.confbridge.testkit.Call;
import org.confbridge.testkit.CallState;
import org.confbridge.testkit.TestPhone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping the server with calls up: every phone gets a BYE at once (no dead air until it gives up), and the
 * conference that the stop ended is in the call records after a restart (written before the database closed).
 */
class GracefulStopIT {

    @TempDir
    Path temp;

    @Test
    void aStopHangsUpEveryCallAndTheEndedConferenceIsRecorded() throws Exception {
        Map<String, String> env = Map.of("CONF_DATA_DIR", temp.resolve("data").toString());
        long conferenceId;
        try (TestPhone phone = TestPhone.start()) {
            RunningServer server = RunningServer.start(env);
            try {
                ConferenceFixture fixture = new ConferenceFixture(server);
                ConferenceFixture.Conference conference = fixture.create(null);
                conferenceId = conference.id();
                Call alice = fixture.dial(phone, conference, 700);
                Call bob = fixture.dial(phone, conference, 1100);
                assertThat(alice.audio().awaitTone(1100, HEARD_DBFS, Duration.ofSeconds(8))).isTrue();

                long stopAt = System.nanoTime();
                assertThat(server.stop(Duration.ofSeconds(60))).as("exit status after SIGTERM").isEqualTo(143);
                assertThat(alice.awaitState(CallState.ENDED, Duration.ofSeconds(1))).as("alice got a BYE").isTrue();
                assertThat(bob.awaitState(CallState.ENDED, Duration.ofSeconds(1))).as("bob got a BYE").isTrue();
                assertThat(alice.received("BYE")).isTrue();
                assertThat((System.nanoTime() - stopAt) / 1_000_000).as("stop took (ms)").isLessThan(30_000);
                assertThat(server.output()).contains("stopping: hung up the calls of 1 conferences")
                        .doesNotContain("SEVERE").doesNotContain("could not hang up");
            } finally {
                server.close();
            }
        }
        try (RunningServer restarted = RunningServer.start(env)) {
            ApiClient api = new ApiClient(restarted.baseUrl());
            String token = api.token(RunningServer.ADMIN_CLIENT_ID, RunningServer.ADMIN_CLIENT_SECRET);
            JsonNode page = api.get("/api/ver1.0/client/@me/conference-records?extension_id=" + conferenceId, token)
                    .json();
            assertThat(page.get("total").asLong()).as("the conference the stop ended is recorded").isEqualTo(1);
            JsonNode participants = page.get("items").get(0).get("participants");
            assertThat(participants).hasSize(2);
            assertThat(participants.findValuesAsText("reason")).containsOnly("server_stopping");
        }
    }
}
