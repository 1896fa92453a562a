package org.confbridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The sender emits one packet per 20 ms, drift-free, with small jitter, as seen by the receiving phone. */
class PacingTest {

    @Test
    void packetsArriveEvery20msWithoutDrift() throws Exception {
        try (TestPhone caller = TestPhone.start(); TestPhone callee = TestPhone.start()) {
            callee.onIncoming(IncomingPolicy.answer());
            Call call = caller.call(callee.uri("gw"), CallOptions.defaults().sendingTone(400, -20));
            call.expectState(CallState.ANSWERED, Duration.ofSeconds(5));
            Call peer = callee.awaitIncomingCall(Duration.ofSeconds(5));
            Thread.sleep(2300);

            long[] arrivals = peer.audio().arrivalTimes();
            assertThat(arrivals.length).isGreaterThan(100);
            long[] tail = Arrays.copyOfRange(arrivals, arrivals.length - 100, arrivals.length);
            double spanMs = (tail[99] - tail[0]) / 1e6;
            double[] deviations = new double[99];
            for (int i = 1; i < 100; i++) {
                deviations[i - 1] = Math.abs((tail[i] - tail[i - 1]) / 1e6 - 20);
            }
            Arrays.sort(deviations);
            double p90 = deviations[89];
            System.out.printf("pacing: 99 intervals span %.2f ms (ideal 1980), p90 |interval-20ms| %.3f ms, max %.3f ms%n",
                    spanMs, p90, deviations[98]);
            assertThat(spanMs).as("no drift over 99 intervals").isBetween(1960.0, 2000.0);
            assertThat(p90).as("p90 jitter").isLessThan(5.0);
            assertThat(call.rtp().sendLog().count()).isGreaterThan(100);
        }
    }
}
