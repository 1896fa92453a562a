package org.confbridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two test phones call each other on loopback: signalling, negotiated codec, and who hears what. */
class PhoneToPhoneCallTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private TestPhone alice;
    private TestPhone bob;

    @BeforeEach
    void startPhones() throws Exception {
        alice = TestPhone.start();
        bob = TestPhone.start();
    }

    @AfterEach
    void closePhones() {
        alice.close();
        bob.close();
    }

    @Test
    void eachSideHearsTheOthersToneAndNotItsOwn() throws Exception {
        bob.onIncoming(IncomingPolicy.answer().sendingTone(600, -20));
        Call outgoing = alice.call(bob.uri("bob"), CallOptions.defaults().sendingTone(400, -20));
        outgoing.expectState(CallState.ANSWERED, WAIT);
        Call incoming = bob.awaitIncomingCall(WAIT);
        assertThat(incoming).isNotNull();

        assertThat(outgoing.audio().awaitTone(600, -26, WAIT)).as("alice hears bob's 600 Hz").isTrue();
        assertThat(incoming.audio().awaitTone(400, -26, WAIT)).as("bob hears alice's 400 Hz").isTrue();
        Thread.sleep(300);
        assertThat(outgoing.audio().toneLevel(600, Duration.ofMillis(500))).isBetween(-21.5, -18.5);
        assertThat(outgoing.audio().toneLevel(400, Duration.ofMillis(500))).as("alice's own tone").isLessThan(-50);
        assertThat(incoming.audio().toneLevel(600, Duration.ofMillis(500))).as("bob's own tone").isLessThan(-50);

        assertThat(outgoing.finalStatus()).isEqualTo(200);
        assertThat(outgoing.provisionalStatuses()).contains(180);
        assertThat(outgoing.codec()).isEqualTo(Codec.PCMU);
        assertThat(incoming.invite().header("From")).contains("testphone");

        outgoing.hangup();
        assertThat(outgoing.state()).isEqualTo(CallState.ENDED);
        assertThat(incoming.awaitState(CallState.ENDED, WAIT)).isTrue();
        assertThat(incoming.awaitRequest("BYE", WAIT)).as("BYE recorded").isNotNull();
    }

    @Test
    void ipv6LoopbackCallCarriesAudio() throws Exception {
        try (TestPhone a = TestPhone.start("::1"); TestPhone b = TestPhone.start("::1")) {
            b.onIncoming(IncomingPolicy.answer().sendingTone(600, -20));
            assertThat(b.uri("x")).startsWith("sip:x@[0:0:0:0:0:0:0:1]:");
            Call call = a.call(b.uri("x"));
            call.expectState(CallState.ANSWERED, WAIT);
            assertThat(call.remoteSdp()).contains("c=IN IP6 ");
            assertThat(call.audio().awaitTone(600, -26, WAIT)).isTrue();
        }
    }
}
