package org.confbridge.media.codec;

/**
 * The engine's internal audio: mono 16-bit linear PCM in 20 ms frames, at 8 kHz (narrowband) or 16 kHz (a room
 * with a wideband caller, and the wideband callers themselves).
 */
public final class AudioFrames {
    /** Samples per second. */
    public static final int SAMPLE_RATE = 8000;
    /** Length of one mixer tick in milliseconds. */
    public static final int FRAME_MILLIS = 20;
    /** Samples in one frame (one tick). */
    public static final int FRAME_SAMPLES = SAMPLE_RATE * FRAME_MILLIS / 1000;
    /** Samples per second of wideband audio. */
    public static final int WIDEBAND_SAMPLE_RATE = 16000;
    /** Samples in one wideband frame: the longest frame the mixer handles. */
    public static final int MAX_FRAME_SAMPLES = WIDEBAND_SAMPLE_RATE * FRAME_MILLIS / 1000;

    /** Samples in one 20 ms frame at {@code rate}. */
    public static int frameSamples(int rate) {
        return rate * FRAME_MILLIS / 1000;
    }

    private AudioFrames() {
    }

    /** Clamps a 32-bit mix value to the 16-bit sample range (saturation instead of wrap-around). */
    public static short clip(int value) {
        if (value > Short.MAX_VALUE) {
            return Short.MAX_VALUE;
        }
        if (value < Short.MIN_VALUE) {
            return Short.MIN_VALUE;
        }
        return (short) value;
    }

    /** Mean energy per sample of a frame (sum of squares / n), the measure used for talk detection. */
    public static double meanEnergy(short[] frame, int length) {
        long sum = 0;
        for (int i = 0; i < length; i++) {
            sum += (long) frame[i] * frame[i];
        }
        return length == 0 ? 0 : (double) sum / length;
    }
}
