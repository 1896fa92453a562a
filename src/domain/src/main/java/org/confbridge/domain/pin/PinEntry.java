package org.confbridge.domain.pin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.confbridge.domain.keys.DtmfKeys;
import org.confbridge.domain.participant.Role;
import org.confbridge.domain.settings.ConferenceSettings;

/**
 * One caller keying the conference PIN. Created with the settings in force when the call
 * arrived; see the package description for the rules.
 */
public final class PinEntry {

    private final String pin;
    private final String moderatorPin;
    private final PinPolicy policy;
    private final StringBuilder keyed = new StringBuilder();
    private int wrongAttempts;
    private Instant deadline;
    private PinOutcome outcome;

    private PinEntry(ConferenceSettings settings, PinPolicy policy, Instant now) {
        this.pin = settings.pin();
        this.moderatorPin = settings.moderatorPin();
        this.policy = Objects.requireNonNull(policy, "policy");
        if (pin == null) {
            outcome = new PinOutcome.Granted(Role.PARTICIPANT);
        } else {
            outcome = new PinOutcome.Waiting(PinOutcome.PinPrompt.PIN_REQUEST);
            deadline = now.plus(policy.inactivityTimeout());
        }
    }

    /** Starts a PIN entry; {@link #outcome()} is already {@code Granted} when no PIN is set. */
    public static PinEntry start(ConferenceSettings settings, PinPolicy policy, Instant now) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(now, "now");
        return new PinEntry(settings, policy, now);
    }

    /** The current outcome (the first one asks for the PIN, or grants at once). */
    public PinOutcome outcome() {
        return outcome;
    }

    /** True once the entry is granted or denied; further keys are ignored. */
    public boolean isFinished() {
        return !(outcome instanceof PinOutcome.Waiting);
    }

    /** Wrong PINs keyed so far. */
    public int wrongAttempts() {
        return wrongAttempts;
    }

    /** When the entry times out, while it is waiting. */
    public Optional<Instant> deadline() {
        return isFinished() ? Optional.empty() : Optional.of(deadline);
    }

    /** Feeds one key. Throws for characters that are not DTMF keys. */
    public PinOutcome press(char key, Instant now) {
        char k = DtmfKeys.requireKey(key);
        if (isFinished()) {
            return outcome;
        }
        if (!now.isBefore(deadline)) {
            return tick(now);
        }
        deadline = now.plus(policy.inactivityTimeout());
        if (DtmfKeys.isDigit(k)) {
            // Bounded: a PIN has at most MAX_PIN_DIGITS digits; one more is enough to know it is wrong.
            if (keyed.length() <= ConferenceSettings.MAX_PIN_DIGITS) {
                keyed.append(k);
            }
            outcome = new PinOutcome.Waiting(null);
        } else if (k == '*') {
            keyed.setLength(0);
            outcome = new PinOutcome.Waiting(null);
        } else if (k == '#') {
            outcome = check();
        } else {
            outcome = new PinOutcome.Waiting(null);
        }
        return outcome;
    }

    /** Fails the entry when the inactivity timeout has passed; otherwise returns a silent {@code Waiting}. */
    public PinOutcome tick(Instant now) {
        if (isFinished()) {
            return outcome;
        }
        if (now.isBefore(deadline)) {
            return new PinOutcome.Waiting(null);
        }
        outcome = new PinOutcome.Denied(PinOutcome.Reason.TIMEOUT, PinOutcome.PinPrompt.PIN_TIMEOUT);
        return outcome;
    }

    private PinOutcome check() {
        String entered = keyed.toString();
        keyed.setLength(0);
        if (moderatorPin != null && sameSecret(entered, moderatorPin)) {
            return new PinOutcome.Granted(Role.MODERATOR);
        }
        if (sameSecret(entered, pin)) {
            return new PinOutcome.Granted(Role.PARTICIPANT);
        }
        wrongAttempts++;
        if (wrongAttempts >= policy.maxAttempts()) {
            return new PinOutcome.Denied(PinOutcome.Reason.TOO_MANY_WRONG_PINS, PinOutcome.PinPrompt.PIN_FAILED);
        }
        return new PinOutcome.Waiting(PinOutcome.PinPrompt.PIN_WRONG);
    }

    /** Constant-time comparison, so the time to answer does not reveal how many digits were right. */
    private static boolean sameSecret(String entered, String secret) {
        return MessageDigest.isEqual(entered.getBytes(StandardCharsets.US_ASCII),
                secret.getBytes(StandardCharsets.US_ASCII));
    }
}
