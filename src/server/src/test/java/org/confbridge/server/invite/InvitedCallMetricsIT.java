package org.confbridge.server.invite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confbridge.server.invite.InviteTrunk.assertStatus;

import java.time.Duration;
import org.confbridge.interfaces.rest.ApiClient;
import org.confbridge.server.events.PrometheusText;
import org.confbridge.server.media.ConferenceFixture;
import org.confbridge.testkit.Call;
import org.confbridge.testkit.CallState;
import org.confbridge.testkit.IncomingPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 12, metrics: the call setup histogram counts an invited call from the INVITE sent to the answer,
 * and /metrics shows the 200 OK the server sent the invited phone's BYE.
 */
@ExtendWith(SharedTrunk.class)
class InvitedCallMetricsIT {

    private final InviteTrunk trunk;

    InvitedCallMetricsIT(InviteTrunk trunk) {
        this.trunk = trunk;
    }

    @Test
    void anInvitedCallsSetupTimeIsMeasuredUntilItsAnswer() throws Exception {
        PrometheusText before = scrape();
        ConferenceFixture.Conference conference = trunk.fixture.create(null);
        String number = InviteTrunk.newNumber();
        // The invited phone rings 600 ms before it answers: the setup time includes it.
        trunk.gateway.onIncoming(IncomingPolicy.answerAfter(Duration.ofMillis(600))
                .sendingTone(1100, ConferenceFixture.SEND_DBFS));
        Call alice = trunk.dialIn(conference, "alice", 500);
        assertStatus(trunk.post(InviteTrunk.livePath(conference) + "/invite", "{\"number\":\"" + number + "\"}"), 201);
        Call guest = trunk.awaitGatewayCall(number);
        guest.expectState(CallState.ANSWERED, InviteTrunk.CALL_TIMEOUT);
        guest.hangup();
        alice.hangup();

        String count = "confbridge_call_setup_seconds_count";
        PrometheusText after = scrape();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (after.sum(count, "origin", "invited") == before.sum(count, "origin", "invited")
                && System.nanoTime() < deadline) {
            Thread.sleep(200); // polling the scrape: the answer is recorded on the server's SIP thread
            after = scrape();
        }
        String bucket = "confbridge_call_setup_seconds_bucket";
        assertThat(after.sum(count, "origin", "invited")).isEqualTo(before.sum(count, "origin", "invited") + 1);
        assertThat(after.sum(bucket, "origin", "invited", "le", "0.5"))
                .as("answered after 600 ms of ringing: not within 0.5 s")
                .isEqualTo(before.sum(bucket, "origin", "invited", "le", "0.5"));
        assertThat(after.sum(bucket, "origin", "invited", "le", "60.0") + after.sum(bucket, "origin", "invited", "le", "60"))
                .isEqualTo(before.sum(count, "origin", "invited") + 1);
        assertThat(after.sum("confbridge_sip_responses_sent_total", "method", "BYE", "status", "200"))
                .isGreaterThan(before.sum("confbridge_sip_responses_sent_total", "method", "BYE", "status", "200"));
    }

    private PrometheusText scrape() {
        ApiClient.Answer answer = trunk.api.get("/metrics", trunk.token);
        assertStatus(answer, 200);
        return PrometheusText.parse(answer.body());
    }
}
