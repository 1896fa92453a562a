package org.confbridge.media.player;

/**
 * Immutable audio held in memory, playable any number of times, at either rate the mixer runs at: a room of
 * narrowband callers reads it at 8 kHz, a room with a wideband caller at 16 kHz.
 */
public interface Clip {

    /** The clip's samples at {@code rate} (8000 or 16000; 16-bit mono; must not be modified). */
    short[] pcm(int rate);
}
