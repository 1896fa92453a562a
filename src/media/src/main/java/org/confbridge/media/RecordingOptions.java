package org.confbridge.media;

import java.time.Duration;
import java.util.Objects;

/**
 * How to record a leg.
 *
 * @param stereo false: mono, what the participant says; true: left what they say, right what they hear
 * @param maxLength stop after this long
 * @param endOnHash stop when the participant presses {@code #} (the key itself is not reported to the listener)
 * @param endOnSilence if not null, stop after this much silence once the participant has spoken
 */
public record RecordingOptions(boolean stereo, Duration maxLength, boolean endOnHash, Duration endOnSilence) {
    public RecordingOptions {
        Objects.requireNonNull(maxLength, "maxLength");
        if (maxLength.isNegative() || maxLength.isZero()) {
            throw new IllegalArgumentException("maxLength must be positive");
        }
    }

    /** A call recording: what the participant says (mono) or says and hears (stereo), up to {@code maxLength}. */
    public static RecordingOptions leg(boolean stereo, Duration maxLength) {
        return new RecordingOptions(stereo, maxLength, false, null);
    }

    /** A name recording: mono, ends on {@code #}, on 1.5 s of silence after speech, or at {@code maxLength}. */
    public static RecordingOptions name(Duration maxLength) {
        return new RecordingOptions(false, maxLength, true, Duration.ofMillis(1500));
    }
}
