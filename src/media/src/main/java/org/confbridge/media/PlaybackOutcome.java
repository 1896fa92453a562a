package org.confbridge.media;

/** How a playback ended. */
public enum PlaybackOutcome {
    /** Every item was played to the end. */
    FINISHED,
    /** {@link Playback#stop()} was called. */
    STOPPED,
    /** An interrupting request replaced it. */
    INTERRUPTED,
    /** An item could not be loaded (unknown prompt, unreadable or wrong-format file). */
    FAILED,
    /** The leg or room was closed first. */
    CLOSED
}
