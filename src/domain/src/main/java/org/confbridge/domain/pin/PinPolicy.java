package org.confbridge.domain.pin;

import java.time.Duration;
import java.util.Objects;

/**
 * @param maxAttempts       wrong PINs allowed before the call fails (the seed's behaviour: 3)
 * @param inactivityTimeout longest silence (no key) before the call fails; restarted by every key
 */
public record PinPolicy(int maxAttempts, Duration inactivityTimeout) {

    public static final PinPolicy DEFAULTS = new PinPolicy(3, Duration.ofSeconds(15));

    public PinPolicy {
        Objects.requireNonNull(inactivityTimeout, "inactivityTimeout");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (inactivityTimeout.isNegative() || inactivityTimeout.isZero()) {
            throw new IllegalArgumentException("inactivityTimeout must be positive, was " + inactivityTimeout);
        }
    }
}
