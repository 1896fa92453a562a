package org.confbridge.media;

/**
 * Events of one leg. Called on the engine's event thread, one at a time, in the order they
 * happened; implementations must not block for long.
 */
public interface MediaLegListener {
    /** A DTMF key arrived (RFC 4733, or in-band if enabled): {@code 0-9 * # A-D}. */
    default void onDigit(char digit) {
    }

    /** The participant started ({@code true}) or stopped talking. */
    default void onTalking(boolean talking) {
    }

    /** No RTP arrived for the configured timeout although the remote should send. Fired once per silence. */
    default void onMediaTimeout() {
    }
}
