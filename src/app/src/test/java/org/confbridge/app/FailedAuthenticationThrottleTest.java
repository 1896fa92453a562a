package org.confbridge.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FailedAuthenticationThrottleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T18:00:00Z"));
    private final FailedAuthenticationThrottle throttle = new FailedAuthenticationThrottle();

    FailedAuthenticationThrottleTest() {
        throttle.configure(3, Duration.ofSeconds(60), Duration.ofSeconds(120), clock);
    }

    @Test
    void blocksAnAddressAfterTheLimitForTheBlockTimeWithRetryAfter() {
        throttle.failed("10.0.0.1");
        throttle.failed("10.0.0.1");
        assertThatCode(() -> throttle.requireAllowed("10.0.0.1")).doesNotThrowAnyException();
        throttle.failed("10.0.0.1");

        assertThatThrownBy(() -> throttle.requireAllowed("10.0.0.1"))
                .isInstanceOfSatisfying(TooManyAttemptsException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(120)));
        clock.advance(Duration.ofSeconds(119));
        assertThatThrownBy(() -> throttle.requireAllowed("10.0.0.1"))
                .isInstanceOfSatisfying(TooManyAttemptsException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1)));
        clock.advance(Duration.ofSeconds(1));
        assertThatCode(() -> throttle.requireAllowed("10.0.0.1")).doesNotThrowAnyException();
    }

    @Test
    void otherAddressesAreNotAffected() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("10.0.0.1");
        }
        assertThatCode(() -> throttle.requireAllowed("10.0.0.2")).doesNotThrowAnyException();
    }

    @Test
    void failuresOlderThanTheWindowDoNotCount() {
        throttle.failed("10.0.0.1");
        throttle.failed("10.0.0.1");
        clock.advance(Duration.ofSeconds(61));
        throttle.failed("10.0.0.1");
        throttle.failed("10.0.0.1");
        assertThatCode(() -> throttle.requireAllowed("10.0.0.1")).doesNotThrowAnyException();
        throttle.failed("10.0.0.1");
        assertThatThrownBy(() -> throttle.requireAllowed("10.0.0.1")).isInstanceOf(TooManyAttemptsException.class);
    }

    @Test
    void manyAddressesDoNotGrowMemoryWithoutBound() {
        for (int i = 0; i < FailedAuthenticationThrottle.MAX_SOURCES + 1000; i++) {
            throttle.failed("addr-" + i);
        }
        throttle.failed("last");
        throttle.failed("last");
        throttle.failed("last");
        assertThatThrownBy(() -> throttle.requireAllowed("last")).isInstanceOf(TooManyAttemptsException.class);
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
