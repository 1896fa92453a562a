package org.confbridge.media.codec;

/**
 * The low-pass shared by {@link Upsampler2x} and {@link Downsampler2x}: a 47-tap half-band FIR at 16 kHz, cut-off
 * 4 kHz, a Kaiser-windowed sinc (beta 5.4) computed once at class load.
 *
 * <p>Half-band means h(k) = 0 at every even distance from the centre except the centre itself (1/2), so each output
 * of a 2:1 converter costs only the 24 odd-distance taps. The response is symmetric about 4 kHz: flat within
 * 0.02 dB up to 3.4 kHz, at least 56 dB down from 4.6 kHz (about 70 dB at 6 kHz). Delay: 23 samples at 16 kHz.
 */
final class HalfBandFilter {
    /** Length of the full filter at 16 kHz. */
    static final int TAPS = 47;
    /** Non-zero taps besides the centre: those at odd distances from it. */
    static final int SIDE_TAPS = (TAPS + 1) / 2;
    /** Group delay in 16 kHz samples (the centre tap's index). */
    static final int DELAY = (TAPS - 1) / 2;
    /** Kaiser window shape: 5.4 balances the 3.4-4.6 kHz transition against the stop-band depth. */
    private static final double BETA = 5.4;

    /**
     * The side taps h(0), h(2), .., h(46) (the even indices of the full filter, all at odd distances from the centre
     * h(23) = 1/2), scaled to sum to exactly 1/2 so that DC passes at unity gain.
     */
    static final float[] SIDE = new float[SIDE_TAPS];

    static {
        double[] taps = new double[SIDE_TAPS];
        double sum = 0;
        for (int i = 0; i < SIDE_TAPS; i++) {
            int k = 2 * i;
            int distance = k - DELAY;
            double ideal = Math.sin(Math.PI * distance / 2) / (Math.PI * distance); // sinc at fs/4, centre 1/2
            double position = 2.0 * k / (TAPS - 1) - 1;
            double window = besselI0(BETA * Math.sqrt(1 - position * position)) / besselI0(BETA);
            taps[i] = ideal * window;
            sum += taps[i];
        }
        for (int i = 0; i < SIDE_TAPS; i++) {
            SIDE[i] = (float) (taps[i] * 0.5 / sum);
        }
    }

    private HalfBandFilter() {
    }

    /** The modified Bessel function of the first kind, order 0, by its power series (converges fast for x < 20). */
    static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double quarterSquare = x * x / 4;
        for (int k = 1; k < 50 && term > 1e-12 * sum; k++) {
            term *= quarterSquare / ((double) k * k);
            sum += term;
        }
        return sum;
    }

    /** Rounds a filter output to a 16-bit sample, saturating. */
    static short toSample(float value) {
        return AudioFrames.clip(Math.round(value));
    }
}
