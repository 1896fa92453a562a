package org.confbridge.server.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.confbridge.server.FreePorts;
import org.confbridge.server.RunningServer;
import org.confbridge.server.cluster.Kamailio;
import org.confbridge.server.media.ConferenceFixture;
import org.confbridge.testkit.Call;
import org.confbridge.testkit.CallOptions;
import org.confbridge.testkit.CallState;
import org.confbridge.testkit.DtmfMode;
import org.confbridge.testkit.TestPhone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Per-caller limits behind Kamailio (the project's cluster configuration) in front of one node that trusts
 * it (CONF_SIP_TRUSTED_PROXIES): every call reaches the node from Kamailio's address, yet one caller's
 * wrong PINs block that caller only, and the caller's address header is believed from Kamailio alone.
 * Callers sit on their own loopback addresses. Skipped only where Kamailio is not installed (CI installs it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProxiedCallerLimitsIT {

    private static final Duration ANSWER = Duration.ofSeconds(15);
    private static final String GUESSER = "127.0.0.4";
    private static final String OTHER = "127.0.0.5";

    private RunningServer node;
    private Kamailio kamailio;
    private ConferenceFixture.Conference guarded;

    @BeforeAll
    void start() throws Exception {
        Assumptions.assumeTrue(Kamailio.binary().isPresent(),
                "kamailio is not installed (Debian package kamailio; .ci/run installs it)");
        node = RunningServer.start(Map.of("CONF_SIP_TRUSTED_PROXIES", "127.0.0.1", "CONF_SIP_ANSWER_DELAY_MS", "0",
                "CONF_PIN_FAILURES_MAX", "3", "CONF_PIN_BLOCK_SECONDS", "120"));
        kamailio = Kamailio.start(FreePorts.tcpAndUdp(), List.of("127.0.0.1:" + node.sipPort()));
        guarded = new ConferenceFixture(node).create("{\"pin\":\"2468\"}");
    }

    @AfterAll
    void stop() {
        for (AutoCloseable part : new AutoCloseable[] {kamailio, node}) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                // best effort: the next part still stops
            }
        }
    }

    @Test
    @Order(1)
    void oneCallersWrongPinsThroughKamailioBlockThatCallerWhileAnotherStillGetsIn() throws Exception {
        String viaKamailio = "sip:" + guarded.number() + "@127.0.0.1:" + kamailio.port();
        try (TestPhone guesser = TestPhone.start(GUESSER); TestPhone other = TestPhone.start(OTHER)) {
            Call guessing = guesser.call(viaKamailio, CallOptions.defaults());
            guessing.expectState(CallState.ANSWERED, ANSWER);
            guessing.sendDigits("1111#2222#3333#", DtmfMode.INFO_RELAY);
            // The node hangs up after the third wrong PIN, once they are counted: awaited, not slept.
            assertThat(guessing.awaitState(CallState.ENDED, ANSWER)).as("hung up after three wrong PINs").isTrue();

            Call again = guesser.call(viaKamailio, CallOptions.defaults());
            assertThat(again.awaitState(CallState.FAILED, ANSWER)).as("the guesser is refused").isTrue();
            assertThat(again.finalStatus()).isEqualTo(403);

            Call fine = other.call(viaKamailio, CallOptions.defaults());
            assertThat(fine.awaitState(CallState.ANSWERED, ANSWER))
                    .as("another caller behind the same Kamailio still gets in (was %s)", fine.finalStatus()).isTrue();
            fine.hangup();
        }
    }

    @Test
    @Order(2)
    void theCallersAddressHeaderIsIgnoredFromAnyoneButTheTrustedProxy() throws Exception {
        String direct = "sip:" + guarded.number() + "@127.0.0.1:" + node.sipPort();
        // The blocked caller cannot escape the block by naming another address itself ...
        try (RawSip guesser = new RawSip(GUESSER, node.sipPort())) {
            RawSip.Request invite = new RawSip.Request("INVITE", direct);
            invite.extra.add("X-Confbridge-Source: 127.0.0.9");
            invite.body = RawSip.sdp(GUESSER, 4000);
            String answer = guesser.finalResponse(invite, ANSWER);
            assertThat(answer).as("an answer to the INVITE").isNotNull();
            assertThat(RawSip.status(answer)).as(answer).isEqualTo(403);
        }
        // ... nor can someone else get a blocked address's callers refused by naming it.
        try (RawSip stranger = new RawSip("127.0.0.6", node.sipPort())) {
            RawSip.Request invite = new RawSip.Request("INVITE", direct);
            invite.extra.add("X-Confbridge-Source: " + GUESSER);
            invite.body = RawSip.sdp("127.0.0.6", 4000);
            String answer = stranger.finalResponse(invite, ANSWER);
            assertThat(answer).as("an answer to the INVITE").isNotNull();
            assertThat(RawSip.status(answer)).as(answer).isEqualTo(200);
            stranger.ack(invite, answer);
            RawSip.Request bye = new RawSip.Request("BYE", invite);
            bye.toTag = RawSip.toTag(answer);
            stranger.finalResponse(bye, ANSWER);
        }
    }
}
