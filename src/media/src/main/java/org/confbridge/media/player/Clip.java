package org.confbridge.media.player;

/** Immutable audio that can be played any number of times (looping opens it again). */
@FunctionalInterface
public interface Clip {
    AudioSource open();
}
