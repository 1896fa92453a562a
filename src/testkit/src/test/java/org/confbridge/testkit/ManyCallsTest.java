package org.confbridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One phone with many simultaneous calls: each call's audio and keys stay on that call. */
class ManyCallsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int CALLS = 8;

    @Test
    void simultaneousCallsKeepTheirOwnMediaAndSignalling() throws Exception {
        try (TestPhone callers = TestPhone.start(); TestPhone gateway = TestPhone.start()) {
            gateway.onIncoming(IncomingPolicy.answer());
            List<Call> calls = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                calls.add(callers.call(gateway.uri("line" + i), CallOptions.defaults().sendingTone(300 + 200 * i, -20)));
            }
            Map<String, Call> answered = new HashMap<>();
            for (int i = 0; i < CALLS; i++) {
                Call in = gateway.awaitIncomingCall(WAIT);
                answered.put(in.invite().requestUri().replaceAll("sip:([^@]+)@.*", "$1"), in);
            }
            for (Call c : calls) {
                c.expectState(CallState.ANSWERED, WAIT);
            }
            for (int i = 0; i < CALLS; i++) {
                Call in = answered.get("line" + i);
                double own = 300 + 200 * i;
                assertThat(in.audio().awaitTone(own, -26, WAIT)).as("line %d hears %s Hz", i, own).isTrue();
                double neighbour = i == 0 ? 500 : own - 200;
                assertThat(in.audio().toneLevel(neighbour, Duration.ofMillis(400))).as("line %d", i).isLessThan(-50);
            }
            calls.get(3).sendDigits("7", DtmfMode.RFC4733);
            assertThat(answered.get("line3").rfc4733Digits().awaitKeys(1, WAIT)).isEqualTo("7");
            assertThat(answered.get("line2").rfc4733Digits().keys()).isEmpty();
            for (Call c : calls) {
                c.hangup();
            }
            assertThat(answered.values()).allMatch(c -> c.state() == CallState.ENDED || waitEnded(c));
        }
    }

    private static boolean waitEnded(Call c) {
        try {
            return c.awaitState(CallState.ENDED, WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
