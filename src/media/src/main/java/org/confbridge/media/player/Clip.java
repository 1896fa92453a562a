package org.confbridge.media.player;

/** Immutable audio that can be played any number of times (looping opens it again). */
@FunctionalInterface
public interface Clip {
    AudioSource open();

    /**
     * The clip's samples if it is held in memory (8 kHz 16-bit; must not be modified), else null.
     * Lets the player read it with a cursor it reuses instead of opening a new source per play.
     */
    default short[] pcm() {
        return null;
    }
}
