package org.confbridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The sender emits one packet per 20 ms without drift: deadlines are start + n x 20 ms, so a late
 * packet is followed by an early one and the long-run rate stays exact. Jitter depends on the host's
 * load (other builds share these 2 cores), so it is measured and only bounded loosely; drift is not.
 */
class PacingTest {

    private static final int INTERVALS = 99;

    @Test
    void packetsAreSentEvery20msWithoutDrift() throws Exception {
        try (TestPhone caller = TestPhone.start(); TestPhone callee = TestPhone.start()) {
            callee.onIncoming(IncomingPolicy.answer());
            Call call = caller.call(callee.uri("gw"), CallOptions.defaults().sendingTone(400, -20));
            call.expectState(CallState.ANSWERED, Duration.ofSeconds(5));
            Call peer = callee.awaitIncomingCall(Duration.ofSeconds(5));
            Thread.sleep(2300);

            Stats sent = Stats.of(call.rtp().sendLog().sendTimes());
            Stats received = Stats.of(peer.audio().arrivalTimes());
            System.out.printf("pacing over %d intervals: sent span %.2f ms (ideal %d), median |dev| %.3f ms, p90 %.3f ms;"
                    + " received span %.2f ms, median |dev| %.3f ms, p90 %.3f ms%n", INTERVALS, sent.spanMs,
                    INTERVALS * 20, sent.medianDeviation, sent.p90Deviation, received.spanMs, received.medianDeviation,
                    received.p90Deviation);
            assertThat(sent.spanMs).as("no drift: 99 intervals within 1%").isBetween(1960.0, 2000.0);
            assertThat(received.spanMs).as("no drift at the receiver").isBetween(1940.0, 2020.0);
            assertThat(sent.medianDeviation).as("median send jitter").isLessThan(5.0);
        }
    }

    private static final class Stats {
        double spanMs;
        double medianDeviation;
        double p90Deviation;

        static Stats of(long[] times) {
            assertThat(times.length).isGreaterThan(INTERVALS + 1);
            long[] tail = Arrays.copyOfRange(times, times.length - INTERVALS - 1, times.length);
            double[] deviations = new double[INTERVALS];
            for (int i = 1; i <= INTERVALS; i++) {
                deviations[i - 1] = Math.abs((tail[i] - tail[i - 1]) / 1e6 - 20);
            }
            Arrays.sort(deviations);
            Stats s = new Stats();
            s.spanMs = (tail[INTERVALS] - tail[0]) / 1e6;
            s.medianDeviation = deviations[INTERVALS / 2];
            s.p90Deviation = deviations[INTERVALS * 9 / 10];
            return s;
        }
    }
}
