package org.confbridge.media.codec;

import static org.confbridge.media.codec.G722.saturate;

/**
 * The adaptive state of one G.722 sub-band, the part the encoder and the decoder run identically so that both
 * predict the same signal: the scale factor (blocks 3L/3H, LOGSCL/SCALEL and LOGSCH/SCALEH) and the pole-zero
 * predictor (block 4: two poles on the reconstructed signal, six zeros on the quantised difference).
 *
 * <p>All arithmetic is the recommendation's 16-bit fixed point: coefficients in Q14,
 * products shifted right by 15, sums saturated. Not thread-safe.
 */
final class G722Band {
    private static final int ZEROS = 6;

    private final int logScaleMax;
    private final int scaleShift;

    /** Log2 of the scale factor (NBL / NBH), Q11, 0..logScaleMax. */
    private int logScale;
    /** Linear scale factor (DETL / DETH): the quantiser step the difference signal is measured in. */
    private int scale;

    /** Pole coefficients a1, a2 (Q14). */
    private int pole1;
    private int pole2;
    /** Zero coefficients b1..b6 (index 1..6), Q14. */
    private final int[] zero = new int[ZEROS + 1];
    /** Past quantised differences d(n-1)..d(n-6) (index 1..6). */
    private final int[] pastDifference = new int[ZEROS + 1];
    /** Past partially reconstructed signals p(n-1), p(n-2) (zero-section output plus difference). */
    private int pastPartial1;
    private int pastPartial2;
    /** Past reconstructed signals r(n-1), r(n-2). */
    private int pastRecon1;
    private int pastRecon2;
    /** Zero-section estimate sz(n) and full signal estimate s(n) for the sample to come. */
    private int zeroEstimate;
    private int estimate;

    /**
     * @param logScaleMax the log scale factor's upper limit (18432 lower band, 22528 higher band)
     * @param scaleShift the shift at log 0 (8 lower band, 10 higher band): it sets the smallest step (32 and 8)
     */
    G722Band(int logScaleMax, int scaleShift) {
        this.logScaleMax = logScaleMax;
        this.scaleShift = scaleShift;
        this.scale = linearScale(0);
    }

    /** The signal estimate s(n) for the next sample. */
    int estimate() {
        return estimate;
    }

    /** The current scale factor (quantiser step). */
    int scale() {
        return scale;
    }

    /**
     * Adapts the scale factor after a sample (LOGSCL/LOGSCH then SCALEL/SCALEH): the log scale leaks towards zero
     * (factor 127/128) and moves by the weight of the code just sent, large differences widening the step.
     */
    void adaptScale(int weight) {
        logScale = Math.max(0, Math.min(logScaleMax, ((logScale * 127) >> 7) + weight));
        scale = linearScale(logScale);
    }

    private int linearScale(int log) {
        int mantissa = G722.INVERSE_LOG[(log >> 6) & 31];
        int shift = scaleShift - (log >> 11);
        return (shift >= 0 ? mantissa >> shift : mantissa << -shift) << 2;
    }

    /**
     * Takes the quantised difference d(n) of the sample just coded and prepares the estimate of the next one:
     * reconstruction, sign-sign adaptation of the poles (with the stability limits) and zeros, then the new
     * predictions (block 4: RECONS, PARREC, UPPOL2, UPPOL1, UPZERO, DELAYA, FILTEP, FILTEZ, PREDIC).
     */
    void update(int difference) {
        int recon = saturate(estimate + difference);
        int partial = saturate(zeroEstimate + difference);
        boolean partialNegative = partial < 0;
        boolean sameAsPrevious = partialNegative == (pastPartial1 < 0);

        // a2 follows the sign correlation of p at lags 1 and 2, steered by a1 and kept within +-0.75
        int pull = saturate(pole1 * 4);
        int a1Term = Math.min(Short.MAX_VALUE, sameAsPrevious ? -pull : pull);
        int newPole2 = (a1Term >> 7) + (partialNegative == (pastPartial2 < 0) ? 128 : -128) + ((pole2 * 32512) >> 15);
        newPole2 = Math.max(-12288, Math.min(12288, newPole2));

        // a1 follows the sign correlation at lag 1 and leaks; |a1| <= 1 - 2^-4 - a2 keeps the two poles stable
        int newPole1 = saturate((sameAsPrevious ? 192 : -192) + ((pole1 * 32640) >> 15));
        int pole1Limit = saturate(15360 - newPole2);
        newPole1 = Math.max(-pole1Limit, Math.min(pole1Limit, newPole1));

        // each zero follows the sign correlation of d at its lag, and leaks; a zero difference only leaks
        int step = difference == 0 ? 0 : 128;
        boolean differenceNegative = difference < 0;
        for (int i = 1; i <= ZEROS; i++) {
            int toward = (pastDifference[i] < 0) == differenceNegative ? step : -step;
            zero[i] = saturate(toward + ((zero[i] * 32640) >> 15));
        }

        // shift the delay lines by one sample
        System.arraycopy(pastDifference, 1, pastDifference, 2, ZEROS - 1);
        pastDifference[1] = difference;
        pastPartial2 = pastPartial1;
        pastPartial1 = partial;
        pastRecon2 = pastRecon1;
        pastRecon1 = recon;
        pole1 = newPole1;
        pole2 = newPole2;

        // the next estimate: poles on past reconstructed samples, zeros on past differences (Q14 coefficients,
        // so the samples are doubled before the Q15 product)
        int poleEstimate = saturate(((pole1 * saturate(pastRecon1 * 2)) >> 15) + ((pole2 * saturate(pastRecon2 * 2)) >> 15));
        int zeros = 0;
        for (int i = ZEROS; i >= 1; i--) {
            zeros = saturate(zeros + ((zero[i] * saturate(pastDifference[i] * 2)) >> 15));
        }
        zeroEstimate = zeros;
        estimate = saturate(poleEstimate + zeros);
    }

    /** True when both bands' adaptive states are equal (tests: the encoder's and decoder's copies stay in step). */
    boolean sameStateAs(G722Band other) {
        return logScale == other.logScale && scale == other.scale && pole1 == other.pole1 && pole2 == other.pole2
                && java.util.Arrays.equals(zero, other.zero) && java.util.Arrays.equals(pastDifference, other.pastDifference)
                && pastPartial1 == other.pastPartial1 && pastPartial2 == other.pastPartial2
                && pastRecon1 == other.pastRecon1 && pastRecon2 == other.pastRecon2
                && zeroEstimate == other.zeroEstimate && estimate == other.estimate;
    }
}
