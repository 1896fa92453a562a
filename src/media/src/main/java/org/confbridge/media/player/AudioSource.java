package org.confbridge.media.player;

/** A cursor over audio, read one 20 ms frame at a time by the mixer thread. */
public interface AudioSource {
    /**
     * Fills {@code frame} (length {@link org.confbridge.media.codec.AudioFrames#FRAME_SAMPLES}),
     * zero-padding the end of the audio. Returns false, leaving the frame untouched, once there is
     * nothing left.
     */
    boolean read(short[] frame);
}
