package org.confbridge.domain.keys;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a {@link KeyInterpreter} waits.
 *
 * @param interDigit       longest pause inside a command before it times out (e.g. 3 s)
 * @param numberEntry      longest pause while keying an invite number (longer: people look numbers up)
 * @param maxNumberDigits  digits kept for a number; more are an entry error reported at {@code #}
 */
public record KeyTimings(Duration interDigit, Duration numberEntry, int maxNumberDigits) {

    public static final KeyTimings DEFAULTS = new KeyTimings(Duration.ofSeconds(3), Duration.ofSeconds(10), 32);

    public KeyTimings {
        Objects.requireNonNull(interDigit, "interDigit");
        Objects.requireNonNull(numberEntry, "numberEntry");
        if (interDigit.isNegative() || interDigit.isZero()) {
            throw new IllegalArgumentException("interDigit must be positive, was " + interDigit);
        }
        if (numberEntry.isNegative() || numberEntry.isZero()) {
            throw new IllegalArgumentException("numberEntry must be positive, was " + numberEntry);
        }
        if (maxNumberDigits < 1) {
            throw new IllegalArgumentException("maxNumberDigits must be at least 1, was " + maxNumberDigits);
        }
    }
}
