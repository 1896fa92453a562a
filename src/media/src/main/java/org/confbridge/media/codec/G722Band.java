package org.confbridge.media.codec;

import static org.confbridge.media.codec.G722.limit15;
import static org.confbridge.media.codec.G722.saturate;

/**
 * One G.722 sub-band's ADPCM: the quantiser (block 1L/1H) or inverse quantiser, and the adaptive state the encoder
 * and the decoder run identically so that both predict the same signal: the scale factor (blocks 3L/3H,
 * LOGSCL/SCALEL and LOGSCH/SCALEH) and the pole-zero predictor (block 4: two poles on the reconstructed signal, six
 * zeros on the quantised difference). The two bands differ only in their tables, given at construction.
 *
 * <p>All arithmetic is the recommendation's 16-bit fixed point: coefficients in Q14, products shifted right by 15,
 * sums saturated. Written for speed, since every sample depends on the one before and this is most of the codec's
 * work: a band runs a whole block of samples in one loop with its state in local variables (one band at a time,
 * which keeps them in registers), the sign tests are bit arithmetic instead of branches (the signs of a coded
 * signal are a coin toss for a branch predictor), the quantiser is a division and a table instead of a search, and
 * the recommendation's saturations that can be shown never to act are left out (each noted). The output is bit for
 * bit the recommendation's. Not thread-safe.
 */
final class G722Band {
    /** Loop-invariant description of a band: its limits and tables. */
    private final int logScaleMax;
    /** Linear scale factor by log scale factor / 64 ({@link G722#LOW_SCALE_OF_LOG}, {@link G722#HIGH_SCALE_OF_LOG}). */
    private final int[] scaleOfLog;
    /** Encoder: reciprocal of the scale factor by log / 64, level and multiplier by t, interval by t, code by
     * {@code (interval << 1) | negative}. */
    private final long[] reciprocalOfLog;
    private final int[] levelAndWeightOfT;
    private final byte[] intervalOfT;
    private final int[] codeOf;
    /** Decoder, by code: the level heard, the level the predictor adapts on, the multiplier. */
    private final int[] outputLevelByCode;
    private final int[] levelByCode;
    private final int[] weightByCode;

    /** Log2 of the scale factor (NBL / NBH), Q11, 0..logScaleMax. */
    private int logScale;
    /** Linear scale factor (DETL / DETH): the quantiser step the difference signal is measured in. */
    private int scale;
    /** Pole coefficients a1, a2 (Q14); |a2| <= 12288 and |a1| <= 15360 - a2 <= 27648 always. */
    private int pole1;
    private int pole2;
    /** Zero coefficients b1..b6 (Q14); they stay within 16 bits without saturation (see {@link #encode}). */
    private int zero1;
    private int zero2;
    private int zero3;
    private int zero4;
    private int zero5;
    private int zero6;
    /**
     * Past quantised differences d(n-1)..d(n-6), kept doubled and saturated as the zero section multiplies them
     * (their signs, all that the adaptation looks at, are the same).
     */
    private int doubled1;
    private int doubled2;
    private int doubled3;
    private int doubled4;
    private int doubled5;
    private int doubled6;
    /** Signs (0 or -1) of the past partially reconstructed signals p(n-1), p(n-2): all the poles' adaptation uses. */
    private int partialSign1;
    private int partialSign2;
    /** Past reconstructed signals r(n-1), r(n-2), doubled and saturated as the pole section multiplies them. */
    private int reconDoubled1;
    private int reconDoubled2;
    /** Zero-section estimate sz(n) and full signal estimate s(n) for the sample to come. */
    private int zeroEstimate;
    private int estimate;

    private G722Band(int logScaleMax, int[] scaleOfLog, long[] reciprocalOfLog, int[] levelAndWeightOfT,
            byte[] intervalOfT, int[] codeOf, int[] outputLevelByCode, int[] levelByCode, int[] weightByCode) {
        this.logScaleMax = logScaleMax;
        this.scaleOfLog = scaleOfLog;
        this.reciprocalOfLog = reciprocalOfLog;
        this.levelAndWeightOfT = levelAndWeightOfT;
        this.intervalOfT = intervalOfT;
        this.codeOf = codeOf;
        this.outputLevelByCode = outputLevelByCode;
        this.levelByCode = levelByCode;
        this.weightByCode = weightByCode;
        this.scale = scaleOfLog[0];
    }

    /** The lower band (0-4 kHz): 6-bit codes, the predictor adapting on their 4 most significant bits. */
    static G722Band lower() {
        return new G722Band(G722.LOW_LOG_SCALE_MAX, G722.LOW_SCALE_OF_LOG, G722.LOW_RECIPROCAL_OF_LOG,
                G722.LOW_LEVEL_AND_WEIGHT_OF_T, G722.LOW_INTERVAL_OF_T, G722.LOW_CODE_OF,
                G722.LOW_LEVEL6, G722.LOW_LEVEL4_BY_CODE, G722.LOW_WEIGHT_BY_CODE);
    }

    /** The higher band (4-8 kHz): 2-bit codes. */
    static G722Band higher() {
        return new G722Band(G722.HIGH_LOG_SCALE_MAX, G722.HIGH_SCALE_OF_LOG, G722.HIGH_RECIPROCAL_OF_LOG,
                G722.HIGH_LEVEL_AND_WEIGHT_OF_T, G722.HIGH_INTERVAL_OF_T, G722.HIGH_CODE_OF,
                G722.HIGH_LEVEL, G722.HIGH_LEVEL, G722.HIGH_WEIGHT);
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
     * Encodes {@code count} sub-band samples {@code signal[0..]} into codes {@code codes[0..]} (block 1L or 1H, then
     * the adaptation the decoder will run on the same code). The quantiser is a multiplication and table look-ups
     * instead of a search (see {@link G722#quantiserIndex}), and what the next sample waits for comes first.
     */
    void encode(int[] signal, int[] codes, int count) {
        byte[] intervals = intervalOfT;
        int tMax = intervals.length - 1;
        int[] levelsAndWeights = levelAndWeightOfT;
        int[] codeTable = codeOf;
        long[] reciprocals = reciprocalOfLog;
        int[] scales = scaleOfLog;
        int logMax = logScaleMax;
        int logScale = this.logScale;
        int scale = this.scale;
        int pole1 = this.pole1;
        int pole2 = this.pole2;
        int zero1 = this.zero1;
        int zero2 = this.zero2;
        int zero3 = this.zero3;
        int zero4 = this.zero4;
        int zero5 = this.zero5;
        int zero6 = this.zero6;
        int doubled1 = this.doubled1;
        int doubled2 = this.doubled2;
        int doubled3 = this.doubled3;
        int doubled4 = this.doubled4;
        int doubled5 = this.doubled5;
        int doubled6 = this.doubled6;
        int partialSign1 = this.partialSign1;
        int partialSign2 = this.partialSign2;
        int reconDoubled1 = this.reconDoubled1;
        int reconDoubled2 = this.reconDoubled2;
        int zeroEstimate = this.zeroEstimate;
        int estimate = this.estimate;
        for (int n = 0; n < count; n++) {
            // block 1: quantise the prediction error (saturating it would change neither its sign nor t)
            int error = signal[n] - estimate;
            int negative = error >> 31;
            int t = G722.quantiserIndex(error, scale, reciprocals[logScale >> 6], tMax);
            int levelAndWeight = levelsAndWeights[t];
            int level = levelAndWeight >> 16;
            int difference = (scale * ((level ^ negative) - negative)) >> 15;
            int weight = (short) levelAndWeight;
            codes[n] = codeTable[(intervals[t] << 1) - negative];

            // ---- the adaptation, the same in decode() ----
            // block 3: the log scale leaks by 1/128 (log * 127 >> 7, exactly) and moves by the code's multiplier
            logScale = Math.max(0, Math.min(logMax, logScale + ((-logScale) >> 7) + weight));
            scale = scales[logScale >> 6];
            // RECONS, PARREC: only the sign of p(n) is used, and saturating would not change it; r(n) is only
            // used doubled and saturated, which is the same as saturating once
            int partialSign = (zeroEstimate + difference) >> 31;
            // UPPOL2: a2 follows the sign correlation of p at lags 1 and 2, steered by a1 (the term is -4 a1 for
            // equal signs at lag 1, +4 a1 otherwise, saturated then shifted right by 7: clamping after the shift
            // is the same) and leaks by 1/128 (a2 * 32512 >> 15, exactly); it stays within +-0.75
            int differ1 = partialSign ^ partialSign1;
            int differ2 = partialSign ^ partialSign2;
            int same1 = ~differ1;
            int steer = Math.max(-256, Math.min(255, ((pole1 ^ same1) - same1) >> 5));
            int newPole2 = Math.max(-12288, Math.min(12288,
                    steer + 128 + (differ2 << 8) + pole2 + ((-pole2) >> 7)));
            // UPPOL1: a1 follows the sign correlation at lag 1, leaks by 1/256 (a1 * 32640 >> 15, exactly) and is
            // kept within 1 - 2^-4 - a2 for stability. |a1| <= 27648 keeps the sum within 16 bits, and
            // 15360 - a2 lies in 3072..27648: the recommendation's two saturations never act.
            int limit = 15360 - newPole2;
            pole1 = Math.max(-limit, Math.min(limit, 192 - (differ1 & 384) + pole1 + ((-pole1) >> 8)));
            pole2 = newPole2;
            partialSign2 = partialSign1;
            partialSign1 = partialSign;
            // UPZERO: each zero moves by 128 towards the sign correlation of d(n) with d(n - i) (not at all when
            // d(n) = 0) and leaks by 1/256. From any 16-bit b, b - b/256 +- 128 stays within 16 bits (32767 goes
            // to 32639 + 128, -32768 to -32640 - 128): the recommendation's saturation never acts.
            int step = ((difference >> 31) | (-difference >>> 31)) << 7;
            int sign;
            sign = doubled1 >> 31;
            zero1 = ((step ^ sign) - sign) + zero1 + ((-zero1) >> 8);
            sign = doubled2 >> 31;
            zero2 = ((step ^ sign) - sign) + zero2 + ((-zero2) >> 8);
            sign = doubled3 >> 31;
            zero3 = ((step ^ sign) - sign) + zero3 + ((-zero3) >> 8);
            sign = doubled4 >> 31;
            zero4 = ((step ^ sign) - sign) + zero4 + ((-zero4) >> 8);
            sign = doubled5 >> 31;
            zero5 = ((step ^ sign) - sign) + zero5 + ((-zero5) >> 8);
            sign = doubled6 >> 31;
            zero6 = ((step ^ sign) - sign) + zero6 + ((-zero6) >> 8);
            // DELAYA
            doubled6 = doubled5;
            doubled5 = doubled4;
            doubled4 = doubled3;
            doubled3 = doubled2;
            doubled2 = doubled1;
            doubled1 = saturate(difference << 1);
            reconDoubled2 = reconDoubled1;
            reconDoubled1 = saturate((estimate + difference) << 1);
            // FILTEP, FILTEZ, PREDIC. The recommendation saturates the zero sum after each term, from b6 d(n-6) to
            // b1 d(n-1); the plain running sums are taken (offset by 2^15, so that each is within 16 bits when
            // its bits 16 and up are clear), and only if one leaves 16 bits is the sum done the saturating way.
            int poles = saturate(((pole1 * reconDoubled1) >> 15) + ((pole2 * reconDoubled2) >> 15));
            int term6 = (zero6 * doubled6) >> 15;
            int term5 = (zero5 * doubled5) >> 15;
            int term4 = (zero4 * doubled4) >> 15;
            int term3 = (zero3 * doubled3) >> 15;
            int term2 = (zero2 * doubled2) >> 15;
            int term1 = (zero1 * doubled1) >> 15;
            int sum5 = term6 + term5 + 32768;
            int sum4 = sum5 + term4;
            int sum3 = sum4 + term3;
            int sum2 = sum3 + term2;
            int sum1 = sum2 + term1;
            zeroEstimate = sum1 - 32768;
            if (((sum5 | sum4 | sum3 | sum2 | sum1) & 0xFFFF0000) != 0) {
                zeroEstimate = saturatingSum(term6, term5, term4, term3, term2, term1);
            }
            estimate = saturate(poles + zeroEstimate);
            // ---- end of the adaptation ----
        }
        this.logScale = logScale;
        this.scale = scale;
        this.pole1 = pole1;
        this.pole2 = pole2;
        this.zero1 = zero1;
        this.zero2 = zero2;
        this.zero3 = zero3;
        this.zero4 = zero4;
        this.zero5 = zero5;
        this.zero6 = zero6;
        this.doubled1 = doubled1;
        this.doubled2 = doubled2;
        this.doubled3 = doubled3;
        this.doubled4 = doubled4;
        this.doubled5 = doubled5;
        this.doubled6 = doubled6;
        this.partialSign1 = partialSign1;
        this.partialSign2 = partialSign2;
        this.reconDoubled1 = reconDoubled1;
        this.reconDoubled2 = reconDoubled2;
        this.zeroEstimate = zeroEstimate;
        this.estimate = estimate;
    }

    /**
     * Decodes {@code count} codes {@code codes[0..]} (each masked to the band's code width by the caller) into
     * sub-band samples {@code signal[0..]}, limited to 15 bits (blocks 5, 6): the estimate plus the inverse
     * quantised code, then the adaptation the encoder ran on the same code.
     */
    void decode(int[] codes, int[] signal, int count) {
        int[] outputLevels = outputLevelByCode;
        int[] levelTable = levelByCode;
        int[] weightTable = weightByCode;
        int[] scales = scaleOfLog;
        int logMax = logScaleMax;
        int logScale = this.logScale;
        int scale = this.scale;
        int pole1 = this.pole1;
        int pole2 = this.pole2;
        int zero1 = this.zero1;
        int zero2 = this.zero2;
        int zero3 = this.zero3;
        int zero4 = this.zero4;
        int zero5 = this.zero5;
        int zero6 = this.zero6;
        int doubled1 = this.doubled1;
        int doubled2 = this.doubled2;
        int doubled3 = this.doubled3;
        int doubled4 = this.doubled4;
        int doubled5 = this.doubled5;
        int doubled6 = this.doubled6;
        int partialSign1 = this.partialSign1;
        int partialSign2 = this.partialSign2;
        int reconDoubled1 = this.reconDoubled1;
        int reconDoubled2 = this.reconDoubled2;
        int zeroEstimate = this.zeroEstimate;
        int estimate = this.estimate;
        for (int n = 0; n < count; n++) {
            int code = codes[n];
            signal[n] = limit15(estimate + ((scale * outputLevels[code]) >> 15));
            int difference = (scale * levelTable[code]) >> 15;
            int weight = weightTable[code];

            // ---- the adaptation, the same in encode(), where it is explained ----
            logScale = Math.max(0, Math.min(logMax, logScale + ((-logScale) >> 7) + weight));
            scale = scales[logScale >> 6];
            int partialSign = (zeroEstimate + difference) >> 31;
            int differ1 = partialSign ^ partialSign1;
            int differ2 = partialSign ^ partialSign2;
            int same1 = ~differ1;
            int steer = Math.max(-256, Math.min(255, ((pole1 ^ same1) - same1) >> 5));
            int newPole2 = Math.max(-12288, Math.min(12288,
                    steer + 128 + (differ2 << 8) + pole2 + ((-pole2) >> 7)));
            int limit = 15360 - newPole2;
            pole1 = Math.max(-limit, Math.min(limit, 192 - (differ1 & 384) + pole1 + ((-pole1) >> 8)));
            pole2 = newPole2;
            partialSign2 = partialSign1;
            partialSign1 = partialSign;
            int step = ((difference >> 31) | (-difference >>> 31)) << 7;
            int sign;
            sign = doubled1 >> 31;
            zero1 = ((step ^ sign) - sign) + zero1 + ((-zero1) >> 8);
            sign = doubled2 >> 31;
            zero2 = ((step ^ sign) - sign) + zero2 + ((-zero2) >> 8);
            sign = doubled3 >> 31;
            zero3 = ((step ^ sign) - sign) + zero3 + ((-zero3) >> 8);
            sign = doubled4 >> 31;
            zero4 = ((step ^ sign) - sign) + zero4 + ((-zero4) >> 8);
            sign = doubled5 >> 31;
            zero5 = ((step ^ sign) - sign) + zero5 + ((-zero5) >> 8);
            sign = doubled6 >> 31;
            zero6 = ((step ^ sign) - sign) + zero6 + ((-zero6) >> 8);
            doubled6 = doubled5;
            doubled5 = doubled4;
            doubled4 = doubled3;
            doubled3 = doubled2;
            doubled2 = doubled1;
            doubled1 = saturate(difference << 1);
            reconDoubled2 = reconDoubled1;
            reconDoubled1 = saturate((estimate + difference) << 1);
            int poles = saturate(((pole1 * reconDoubled1) >> 15) + ((pole2 * reconDoubled2) >> 15));
            int term6 = (zero6 * doubled6) >> 15;
            int term5 = (zero5 * doubled5) >> 15;
            int term4 = (zero4 * doubled4) >> 15;
            int term3 = (zero3 * doubled3) >> 15;
            int term2 = (zero2 * doubled2) >> 15;
            int term1 = (zero1 * doubled1) >> 15;
            int sum5 = term6 + term5 + 32768;
            int sum4 = sum5 + term4;
            int sum3 = sum4 + term3;
            int sum2 = sum3 + term2;
            int sum1 = sum2 + term1;
            zeroEstimate = sum1 - 32768;
            if (((sum5 | sum4 | sum3 | sum2 | sum1) & 0xFFFF0000) != 0) {
                zeroEstimate = saturatingSum(term6, term5, term4, term3, term2, term1);
            }
            estimate = saturate(poles + zeroEstimate);
            // ---- end of the adaptation ----
        }
        this.logScale = logScale;
        this.scale = scale;
        this.pole1 = pole1;
        this.pole2 = pole2;
        this.zero1 = zero1;
        this.zero2 = zero2;
        this.zero3 = zero3;
        this.zero4 = zero4;
        this.zero5 = zero5;
        this.zero6 = zero6;
        this.doubled1 = doubled1;
        this.doubled2 = doubled2;
        this.doubled3 = doubled3;
        this.doubled4 = doubled4;
        this.doubled5 = doubled5;
        this.doubled6 = doubled6;
        this.partialSign1 = partialSign1;
        this.partialSign2 = partialSign2;
        this.reconDoubled1 = reconDoubled1;
        this.reconDoubled2 = reconDoubled2;
        this.zeroEstimate = zeroEstimate;
        this.estimate = estimate;
    }

    /** The zero section's sum the recommendation's way, saturated after each term (rare: see {@link #encode}). */
    private static int saturatingSum(int term6, int term5, int term4, int term3, int term2, int term1) {
        int sum = saturate(term6 + term5);
        sum = saturate(sum + term4);
        sum = saturate(sum + term3);
        sum = saturate(sum + term2);
        return saturate(sum + term1);
    }

    /** True when both bands' adaptive states are equal (tests: the encoder's and decoder's copies stay in step). */
    boolean sameStateAs(G722Band other) {
        return logScale == other.logScale && scale == other.scale && pole1 == other.pole1 && pole2 == other.pole2
                && zero1 == other.zero1 && zero2 == other.zero2 && zero3 == other.zero3 && zero4 == other.zero4
                && zero5 == other.zero5 && zero6 == other.zero6
                && doubled1 == other.doubled1 && doubled2 == other.doubled2 && doubled3 == other.doubled3
                && doubled4 == other.doubled4 && doubled5 == other.doubled5 && doubled6 == other.doubled6
                && partialSign1 == other.partialSign1 && partialSign2 == other.partialSign2
                && reconDoubled1 == other.reconDoubled1 && reconDoubled2 == other.reconDoubled2
                && zeroEstimate == other.zeroEstimate && estimate == other.estimate;
    }
}
