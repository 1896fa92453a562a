package org.confbridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.confbridge.testkit.rtp.ReceivedDigits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DTMF between two phones: RFC 4733 events once per key, INFO bodies of both kinds. */
class DtmfTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private TestPhone caller;
    private TestPhone callee;
    private Call outgoing;
    private Call incoming;

    @BeforeEach
    void connect() throws Exception {
        caller = TestPhone.start();
        callee = TestPhone.start();
        callee.onIncoming(IncomingPolicy.answer());
        outgoing = caller.call(callee.uri("conf"));
        outgoing.expectState(CallState.ANSWERED, WAIT);
        incoming = callee.awaitIncomingCall(WAIT);
        incoming.expectState(CallState.ANSWERED, WAIT);
    }

    @AfterEach
    void closePhones() {
        caller.close();
        callee.close();
    }

    @Test
    void rfc4733KeysArriveExactlyOnceEach() throws Exception {
        outgoing.sendDigits("*91#", DtmfMode.RFC4733, Duration.ofMillis(100), Duration.ofMillis(160));

        ReceivedDigits heard = incoming.rfc4733Digits();
        assertThat(heard.awaitKeys(4, WAIT)).isEqualTo("*91#");
        Thread.sleep(200);
        assertThat(heard.keys()).as("no duplicates from updates or repeated end packets").isEqualTo("*91#");
        for (ReceivedDigits.Digit d : heard.digits()) {
            assertThat(d.endDuration()).as("end duration of " + d.key()).isEqualTo(160 * 8);
            assertThat(d.packets()).as("8 updates + 3 end packets").isEqualTo(11);
        }
        assertThat(incoming.infoDigits()).isEmpty();
    }

    private static boolean pause() throws InterruptedException {
        Thread.sleep(10);
        return true;
    }

    @Test
    void infoDtmfRelayAndPlainDtmfBodiesAreParsed() throws Exception {
        outgoing.sendDigits("12", DtmfMode.INFO_RELAY);
        outgoing.sendDigits("#", DtmfMode.INFO_DTMF);

        assertThat(incoming.awaitInfoDigits(3, WAIT)).isEqualTo("12#");
        // A request is recorded just after its effects (the digit): wait for the third record too.
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<SipMessageRecord> infos;
        do {
            infos = incoming.requestsReceived().stream().filter(r -> r.method().equals("INFO")).toList();
        } while (infos.size() < 3 && System.nanoTime() < deadline && pause());
        assertThat(infos).hasSize(3);
        assertThat(infos.get(0).contentType()).isEqualTo("application/dtmf-relay");
        assertThat(infos.get(0).body()).isEqualTo("Signal=1\r\nDuration=160\r\n");
        assertThat(infos.get(2).contentType()).isEqualTo("application/dtmf");
        assertThat(infos.get(2).body()).isEqualTo("#");
        assertThat(outgoing.responses().stream().filter(r -> r.method().equals("INFO")).map(SipMessageRecord::status))
                .containsExactly(200, 200, 200);
        assertThat(incoming.rfc4733Digits().keys()).isEmpty();
    }

    @Test
    void invalidKeyIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> outgoing.sendDigits("1x", DtmfMode.INFO_RELAY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x'");
        assertThat(incoming.requestsReceived()).noneMatch(r -> r.method().equals("INFO"));
    }
}
