package org.confbridge.media;

/** Why a recording ended. */
public enum RecordingEnd {
    STOPPED, HASH, SILENCE, MAX_LENGTH, LEG_CLOSED,
    /** The file could not be written. */
    FAILED
}
