package org.confbridge.media.codec;

/**
 * 8 kHz to 16 kHz for one stream: 160 samples in, 320 out per 20 ms frame, through the {@link HalfBandFilter}
 * (images above 4 kHz at least 56 dB down). Polyphase: of each output pair, one sample is the input delayed, the
 * other a 24-tap interpolation, so no zeros are ever multiplied. Delay: 23 samples at 16 kHz.
 *
 * <p>Keeps the last 24 input samples between calls (one instance per stream); allocation-free; not thread-safe.
 */
public final class Upsampler2x {
    private static final int BRANCH = HalfBandFilter.SIDE_TAPS;
    /** The centre tap at 16 kHz falls on input sample n - 11 in the 8 kHz history. */
    private static final int CENTRE = HalfBandFilter.DELAY / 2;
    /** Interpolation taps, twice the side taps: the inserted zeros halve the signal's level. */
    private static final float[] TAPS = new float[BRANCH];

    static {
        for (int i = 0; i < BRANCH; i++) {
            TAPS[i] = 2 * HalfBandFilter.SIDE[i];
        }
    }

    /** Input history, newest first from {@code position}, each sample stored twice so the window is contiguous. */
    private final float[] history = new float[2 * BRANCH];
    private int position;

    /** Upsamples one 20 ms frame: {@code in[0..159]} to {@code out[0..319]}. */
    public void process(short[] in, short[] out) {
        process(in, 0, AudioFrames.FRAME_SAMPLES, out, 0);
    }

    /** Upsamples {@code samples} inputs from {@code in[inOffset]} to {@code 2 * samples} outputs from {@code out[outOffset]}. */
    public void process(short[] in, int inOffset, int samples, short[] out, int outOffset) {
        for (int n = 0; n < samples; n++) {
            position = position == 0 ? BRANCH - 1 : position - 1;
            float sample = in[inOffset + n];
            history[position] = sample;
            history[position + BRANCH] = sample;
            float interpolated = 0;
            for (int i = 0; i < BRANCH; i++) {
                interpolated += TAPS[i] * history[position + i];
            }
            out[outOffset + 2 * n] = HalfBandFilter.toSample(interpolated);
            out[outOffset + 2 * n + 1] = HalfBandFilter.toSample(history[position + CENTRE]);
        }
    }
}
