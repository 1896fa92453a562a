package org.confbridge.domain.conference;

import java.time.Duration;
import java.util.Objects;
import org.confbridge.domain.keys.KeyTimings;
import org.confbridge.domain.pin.PinPolicy;

/**
 * Server-wide tunables of live conferences (configuration, not per-extension properties).
 *
 * @param pin                         PIN attempts and inactivity timeout
 * @param keys                        inter-digit and number-entry timeouts
 * @param nameRecordingMax            longest recorded name
 * @param inviteNoAnswerTimeout       an invite not answered within this is given up ("no answer")
 * @param maxPendingInvitesPerInviter how many unanswered invites one participant may have at once
 */
public record ConferencePolicy(
        PinPolicy pin,
        KeyTimings keys,
        Duration nameRecordingMax,
        Duration inviteNoAnswerTimeout,
        int maxPendingInvitesPerInviter) {

    public static final ConferencePolicy DEFAULTS = new ConferencePolicy(PinPolicy.DEFAULTS, KeyTimings.DEFAULTS,
            Duration.ofSeconds(4), Duration.ofSeconds(30), 3);

    public ConferencePolicy {
        Objects.requireNonNull(pin, "pin");
        Objects.requireNonNull(keys, "keys");
        requirePositive(nameRecordingMax, "nameRecordingMax");
        requirePositive(inviteNoAnswerTimeout, "inviteNoAnswerTimeout");
        if (maxPendingInvitesPerInviter < 1) {
            throw new IllegalArgumentException("maxPendingInvitesPerInviter must be at least 1");
        }
    }

    public ConferencePolicy withInviteNoAnswerTimeout(Duration value) {
        return new ConferencePolicy(pin, keys, nameRecordingMax, value, maxPendingInvitesPerInviter);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
