package org.confbridge.app.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Per-source limits driven by a hand-stepped clock. */
class SourceLimitsTest {

    private final AtomicLong nanos = new AtomicLong();
    private Instant now = Instant.parse("2026-11-30T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final SourceLimits limits = new SourceLimits(new SourceLimits.Limits(5, 3, 5,
            Duration.ofMinutes(10), Duration.ofMinutes(10)), clock, nanos::get);

    private void advance(Duration d) {
        now = now.plus(d);
        nanos.addAndGet(d.toNanos());
    }

    @Test
    void aBurstIsServedThenTheRateAppliesPerAddress() {
        assertThat(limits.allowInvite("a")).isTrue();
        assertThat(limits.allowInvite("a")).isTrue();
        assertThat(limits.allowInvite("a")).isTrue();
        assertThat(limits.allowInvite("a")).as("burst of 3 used up").isFalse();
        assertThat(limits.allowInvite("b")).as("another address has its own bucket").isTrue();
        advance(Duration.ofMillis(200)); // 5 per second: one more
        assertThat(limits.allowInvite("a")).isTrue();
        assertThat(limits.allowInvite("a")).isFalse();
    }

    @Test
    void fiveWrongPinsInTenMinutesBlockTheAddressForTenMinutes() {
        for (int i = 0; i < 4; i++) {
            limits.wrongPin("a");
            advance(Duration.ofMinutes(1));
        }
        assertThat(limits.pinBlockedSeconds("a")).isZero();
        limits.wrongPin("a");
        assertThat(limits.pinBlockedSeconds("a")).isEqualTo(600);
        assertThat(limits.pinBlockedSeconds("b")).isZero();
        advance(Duration.ofMinutes(10));
        assertThat(limits.pinBlockedSeconds("a")).as("free again").isZero();
    }

    @Test
    void wrongPinsSpreadOverMoreThanTheWindowDoNotBlock() {
        for (int i = 0; i < 10; i++) {
            limits.wrongPin("a");
            advance(Duration.ofMinutes(3));
        }
        assertThat(limits.pinBlockedSeconds("a")).isZero();
    }
}
