package org.confbridge.server.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.confbridge.server.RunningServer;
import org.confbridge.testkit.Call;
import org.confbridge.testkit.CallState;
import org.confbridge.testkit.TestPhone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A call whose RTP stops (the phone lost its network) is ended by the server with a BYE after the
 * configured media timeout ({@code CONF_MEDIA_TIMEOUT_SECONDS}); the others stay.
 * Own server: the shared one keeps the 30 s default.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MediaTimeoutIT {

    private RunningServer server;

    @BeforeAll
    void start() {
        server = RunningServer.start(Map.of("CONF_MEDIA_TIMEOUT_SECONDS", "2", "CONF_SIP_ANSWER_DELAY_MS", "0"));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aCallWhoseRtpStopsIsHungUpAndLeavesTheConference() throws Exception {
        ConferenceFixture fixture = new ConferenceFixture(server);
        ConferenceFixture.Conference conference = fixture.create(null);
        try (TestPhone phone = TestPhone.start()) {
            Call staying = fixture.dial(phone, conference, 500);
            Call vanishing = fixture.dial(phone, conference, 700);
            assertThat(staying.audio().awaitTone(700, ConferenceFixture.HEARD_DBFS, Duration.ofSeconds(8))).isTrue();

            vanishing.rtp().setSending(false);
            assertThat(vanishing.awaitState(CallState.ENDED, Duration.ofSeconds(8)))
                    .as("BYE from the server after 2 s without RTP").isTrue();
            assertThat(staying.state()).isEqualTo(CallState.ANSWERED);
            assertThat(fixture.get("/api/ver1.0/health").json().get("live_calls").asInt()).isEqualTo(1);
            staying.hangup();
        }
    }
}
