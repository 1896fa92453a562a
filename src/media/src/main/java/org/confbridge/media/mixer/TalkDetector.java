package org.confbridge.media.mixer;

import org.confbridge.media.codec.AudioFrames;

/**
 * Talking / not talking from frame energy with hysteresis in time: talking starts on the first
 * frame above the threshold and ends only after {@code hangFrames} frames below it, so the
 * gaps between words do not flap the state. Confined to the mixer thread.
 */
public final class TalkDetector {
    private final double energyThreshold;
    private final int hangFrames;
    private boolean talking;
    private int quietFrames;

    /**
     * @param energyThreshold mean energy per sample above which a frame counts as speech
     * @param hangFrames quiet frames before talking ends
     */
    public TalkDetector(double energyThreshold, int hangFrames) {
        this.energyThreshold = energyThreshold;
        this.hangFrames = hangFrames;
    }

    /** Feeds one frame; returns true if the talking state changed (read it with {@link #talking()}). */
    public boolean onFrame(short[] frame, int length) {
        boolean loud = AudioFrames.meanEnergy(frame, length) > energyThreshold;
        if (loud) {
            quietFrames = 0;
            if (!talking) {
                talking = true;
                return true;
            }
            return false;
        }
        if (talking && ++quietFrames >= hangFrames) {
            talking = false;
            return true;
        }
        return false;
    }

    /** Feeds a frame in which nothing was received. */
    public boolean onSilence() {
        if (talking && ++quietFrames >= hangFrames) {
            talking = false;
            return true;
        }
        return false;
    }

    public boolean talking() {
        return talking;
    }
}
