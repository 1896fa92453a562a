package org.confbridge.app.webhooks;

import java.time.Duration;
import java.time.Instant;

/** When a failed delivery is tried again: 1 s after the first failure, doubling up to a minute; for a day. */
final class Backoff {

    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofSeconds(60);
    static final Duration GIVE_UP_AFTER = Duration.ofHours(24);

    private Backoff() {
    }

    /** The next attempt after {@code attemptsSoFar} failures (the one just made included), or null: give up. */
    static Instant next(Instant now, Instant created, int attemptsSoFar) {
        if (!now.isBefore(created.plus(GIVE_UP_AFTER))) {
            return null;
        }
        long seconds = FIRST.getSeconds() << Math.min(Math.max(attemptsSoFar - 1, 0), 20);
        return now.plus(Duration.ofSeconds(Math.min(seconds, MAX.getSeconds())));
    }
}
