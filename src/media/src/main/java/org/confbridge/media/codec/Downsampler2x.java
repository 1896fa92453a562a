package org.confbridge.media.codec;

/**
 * 16 kHz to 8 kHz for one stream: 320 samples in, 160 out per 20 ms frame, through the {@link HalfBandFilter},
 * which removes what lies above 4 kHz before it could fold back (a 6 kHz tone would otherwise come out at 2 kHz;
 * it is at least 56 dB down). Polyphase: each output is 24 taps on the odd input samples plus half the centre
 * sample, computed only for the samples kept. Delay: 23 samples at 16 kHz.
 *
 * <p>Keeps the last 24 input pairs between calls (one instance per stream); allocation-free; not thread-safe.
 */
public final class Downsampler2x {
    private static final int BRANCH = HalfBandFilter.SIDE_TAPS;
    /** The centre tap (23 samples back at 16 kHz) is the even sample of the pair 11 pairs back. */
    private static final int CENTRE = HalfBandFilter.DELAY / 2;

    /** Histories of the second (odd) and first (even) sample of each input pair, newest first from {@code position}. */
    private final float[] oddHistory = new float[2 * BRANCH];
    private final float[] evenHistory = new float[2 * BRANCH];
    private int position;

    /** Downsamples one 20 ms frame: {@code in[0..319]} to {@code out[0..159]}. */
    public void process(short[] in, short[] out) {
        process(in, 0, AudioFrames.FRAME_SAMPLES, out, 0);
    }

    /** Downsamples {@code 2 * outputs} inputs from {@code in[inOffset]} to {@code outputs} samples from {@code out[outOffset]}. */
    public void process(short[] in, int inOffset, int outputs, short[] out, int outOffset) {
        float[] side = HalfBandFilter.SIDE;
        for (int m = 0; m < outputs; m++) {
            position = position == 0 ? BRANCH - 1 : position - 1;
            float even = in[inOffset + 2 * m];
            float odd = in[inOffset + 2 * m + 1];
            evenHistory[position] = even;
            evenHistory[position + BRANCH] = even;
            oddHistory[position] = odd;
            oddHistory[position + BRANCH] = odd;
            float sum = 0.5f * evenHistory[position + CENTRE];
            for (int i = 0; i < BRANCH; i++) {
                sum += side[i] * oddHistory[position + i];
            }
            out[outOffset + m] = HalfBandFilter.toSample(sum);
        }
    }
}
