package org.confbridge.media.codec;

/**
 * Constants of ITU-T G.722 (09/2012), 64 kbit/s mode: the QMF filter and the quantiser, inverse-quantiser and
 * scale-factor tables, in the recommendation's fixed-point units. Shared by {@link G722Encoder} and
 * {@link G722Decoder}, with tables derived from them for speed; the ADPCM lives in {@link G722Band}, the QMF in the two
 * codec classes (with {@link #branchPairs}).
 *
 * <p>Wire format (RFC 3551 section 4.5.2): one byte per pair of 16 kHz samples, the 2 higher-band bits on top of the
 * 6 lower-band bits. The RTP clock runs at 8000 Hz although the audio is sampled at 16000 Hz.
 */
final class G722 {
    /** PCM sample rate. */
    static final int PCM_RATE = 16000;
    /** PCM samples in a 20 ms frame. */
    static final int FRAME_SAMPLES = PCM_RATE / 50;
    /** Payload bytes for a 20 ms frame (one byte per two samples). */
    static final int FRAME_BYTES = FRAME_SAMPLES / 2;

    /** Taps per polyphase branch of the 24-tap QMF (12 even-indexed, 12 odd-indexed coefficients). */
    static final int QMF_BRANCH = 12;
    /** Past samples a QMF branch needs besides the current one. */
    static final int QMF_HISTORY = QMF_BRANCH - 1;

    /**
     * The QMF prototype h(0..23) of Table 8 (scaled by 2^13; symmetric, it sums to 8192), split into its even
     * coefficients h(0), h(2), .., h(22) and odd ones h(1), .., h(23): the transmit and receive filters work on
     * alternate samples, so each branch is a 12-tap filter at 8 kHz.
     */
    static final int[] QMF_EVEN = {3, -11, 12, 32, -210, 951, 3876, -805, 362, -156, 53, -11};
    static final int[] QMF_ODD = {-11, 53, -156, 362, -805, 3876, 951, -210, 32, 12, -11, 3};

    /**
     * Lower band, 6-bit quantiser (Table 6): decision levels of the 30 magnitude intervals in units of
     * scale factor / 4096. Interval {@code m} (1..30) is [LOW_DECISION[m - 1], LOW_DECISION[m]); the last is open.
     */
    static final int[] LOW_DECISION = {
        0, 35, 72, 110, 150, 190, 233, 276, 323, 370, 422, 473, 530, 587, 650, 714,
        786, 858, 940, 1023, 1121, 1219, 1339, 1458, 1612, 1765, 1980, 2195, 2557, 2919};
    /** The number of lower-band magnitude intervals. */
    static final int LOW_INTERVALS = 30;
    /** 6-bit code sent for interval m (index 1..30) of a positive difference (Table 6, ILP). */
    static final int[] LOW_CODE_POSITIVE = {
        0, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47,
        46, 45, 44, 43, 42, 41, 40, 39, 38, 37, 36, 35, 34, 33, 32};
    /** 6-bit code sent for interval m (index 1..30) of a negative difference (Table 6, ILN). */
    static final int[] LOW_CODE_NEGATIVE = {
        0, 63, 62, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19,
        18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4};

    /**
     * Lower band, 6-bit inverse quantiser (Table 7 output levels QQ6 times 8, signed, indexed by the code): the
     * decoder's reconstruction at 64 kbit/s. Codes 0..3 are never sent; they decode as the smallest negative level.
     */
    static final int[] LOW_LEVEL6 = {
        -136, -136, -136, -136, -24808, -21904, -19008, -16704,
        -14984, -13512, -12280, -11192, -10232, -9360, -8576, -7856,
        -7192, -6576, -6000, -5456, -4944, -4464, -4008, -3576,
        -3168, -2776, -2400, -2032, -1688, -1360, -1040, -728,
        24808, 21904, 19008, 16704, 14984, 13512, 12280, 11192,
        10232, 9360, 8576, 7856, 7192, 6576, 6000, 5456,
        4944, 4464, 4008, 3576, 3168, 2776, 2400, 2032,
        1688, 1360, 1040, 728, 432, 136, -432, -136};

    /**
     * Lower band, 4-bit inverse quantiser (QQ4 times 8, signed, indexed by the 6-bit code without its two least
     * significant bits). The predictor and the scale factor only ever see this coarse value, in the encoder and the
     * decoder alike: that is what lets a network drop the two LSBs (56 and 48 kbit/s modes) without the two ends
     * drifting apart.
     */
    static final int[] LOW_LEVEL4 = {
        0, -20456, -12896, -8968, -6288, -4240, -2584, -1200,
        20456, 12896, 8968, 6288, 4240, 2584, 1200, 0};
    /** Lower band log scale-factor multiplier W(L) (Table 11) for each 4-bit code, via its magnitude 0..7. */
    static final int[] LOW_WEIGHT;
    /** Lower band: the log scale factor's upper limit (NBL <= 18432). */
    static final int LOW_LOG_SCALE_MAX = 18432;
    /** Lower band: the shift that turns the log scale factor into the linear one ("8 - NBL >> 11"). */
    static final int LOW_SCALE_SHIFT = 8;

    /** Higher band, 2-bit quantiser: the single decision level (scale factor / 4096 units). */
    static final int HIGH_DECISION = 564;
    /** Higher band codes: large negative, small negative, large positive, small positive difference. */
    static final int HIGH_NEGATIVE_LARGE = 0;
    static final int HIGH_NEGATIVE_SMALL = 1;
    static final int HIGH_POSITIVE_LARGE = 2;
    static final int HIGH_POSITIVE_SMALL = 3;
    /** Higher band inverse quantiser (QQ2 times 8, signed) by code. */
    static final int[] HIGH_LEVEL = {-7408, -1616, 7408, 1616};
    /** Higher band log scale-factor multiplier W(H) by code (798 after a large difference, -214 after a small one). */
    static final int[] HIGH_WEIGHT = {798, -214, 798, -214};
    /** Higher band: the log scale factor's upper limit (NBH <= 22528). */
    static final int HIGH_LOG_SCALE_MAX = 22528;
    /** Higher band: the shift that turns the log scale factor into the linear one ("10 - NBH >> 11"). */
    static final int HIGH_SCALE_SHIFT = 10;

    /**
     * Mantissas of the inverse log2 of the scale factor (ILB, Table 13): 2048 * 2^(i / 32), i = 0..31, as the
     * recommendation rounds them. The linear scale factor is this value shifted by the integer part of the log.
     */
    static final int[] INVERSE_LOG = {
        2048, 2093, 2139, 2186, 2233, 2282, 2332, 2383, 2435, 2489, 2543, 2599, 2656, 2714, 2774, 2834,
        2896, 2960, 3025, 3091, 3158, 3228, 3298, 3371, 3444, 3520, 3597, 3676, 3756, 3838, 3922, 4008};

    static {
        // W(L) of Table 11 indexed by the quantised magnitude 0..7, and the magnitude of each 4-bit code (RIL4).
        int[] weightOfMagnitude = {-60, -30, 58, 172, 334, 538, 1198, 3042};
        int[] magnitudeOfCode4 = {0, 7, 6, 5, 4, 3, 2, 1, 7, 6, 5, 4, 3, 2, 1, 0};
        LOW_WEIGHT = new int[16];
        for (int code = 0; code < 16; code++) {
            LOW_WEIGHT[code] = weightOfMagnitude[magnitudeOfCode4[code]];
        }
    }

    /**
     * Linear scale factor (DETL) for each lower-band log scale factor NBL, indexed by {@code NBL >> 6} (0..288): the
     * inverse log2 of blocks 3L/SCALEL, tabulated once so that adapting the scale costs one load.
     */
    static final int[] LOW_SCALE_OF_LOG = scaleTable(LOW_LOG_SCALE_MAX, LOW_SCALE_SHIFT);
    /** Linear scale factor (DETH) for each higher-band log scale factor NBH, indexed by {@code NBH >> 6} (0..352). */
    static final int[] HIGH_SCALE_OF_LOG = scaleTable(HIGH_LOG_SCALE_MAX, HIGH_SCALE_SHIFT);

    /**
     * The quantisers without a search. A magnitude lies below the scaled decision level D of an interval,
     * {@code magnitude < (D * scale) >> 12}, exactly when {@code D >= t} with
     * {@code t = ceil((magnitude + 1) * 4096 / scale)} (see {@link #quantiserIndex}): so a division gives t, and
     * a table indexed by t the interval, one plus the number of decision levels below t. A t beyond the table
     * (every level below it) is clamped to its last entry. Lower band: the 29 levels LOW_DECISION[1..29], intervals
     * 1..30.
     */
    static final byte[] LOW_INTERVAL_OF_T = intervalTable(java.util.Arrays.copyOfRange(LOW_DECISION, 1, LOW_INTERVALS));
    /** Higher band: the one level HIGH_DECISION, interval 1 (small difference) or 2 (large). */
    static final byte[] HIGH_INTERVAL_OF_T = intervalTable(new int[] {HIGH_DECISION});
    /**
     * By t as above, what the adaptation needs of the interval, the first thing the next sample waits for: the
     * positive difference's inverse-quantiser level in the upper 16 bits (the negative difference's is its
     * opposite) and the log scale-factor multiplier in the lower 16 (signed).
     */
    static final int[] LOW_LEVEL_AND_WEIGHT_OF_T;
    static final int[] HIGH_LEVEL_AND_WEIGHT_OF_T;
    /**
     * By log scale factor / 64: {@code ceil(2^64 / scale)}, for the division by the scale factor as a
     * multiplication (see {@link #quantiserIndex}).
     */
    static final long[] LOW_RECIPROCAL_OF_LOG = reciprocals(LOW_SCALE_OF_LOG);
    static final long[] HIGH_RECIPROCAL_OF_LOG = reciprocals(HIGH_SCALE_OF_LOG);

    /**
     * By interval m and sign, {@code (m << 1) | negative}: the code sent, the signed inverse-quantiser level the
     * predictor adapts on (QQ4 times 8 in the lower band, QQ2 times 8 in the higher) and the log scale-factor
     * multiplier.
     */
    static final int[] LOW_CODE_OF = new int[2 * (LOW_INTERVALS + 1)];
    static final int[] LOW_LEVEL_OF = new int[LOW_CODE_OF.length];
    static final int[] LOW_WEIGHT_OF = new int[LOW_CODE_OF.length];
    static final int[] HIGH_CODE_OF = new int[2 * 3];
    static final int[] HIGH_LEVEL_OF = new int[HIGH_CODE_OF.length];
    static final int[] HIGH_WEIGHT_OF = new int[HIGH_CODE_OF.length];
    /** By 6-bit lower-band code: the 4-bit level and the multiplier the predictor adapts on, as the decoder needs them. */
    static final int[] LOW_LEVEL4_BY_CODE = new int[64];
    static final int[] LOW_WEIGHT_BY_CODE = new int[64];

    static {
        for (int m = 1; m <= LOW_INTERVALS; m++) {
            for (int negative = 0; negative < 2; negative++) {
                int code = negative == 1 ? LOW_CODE_NEGATIVE[m] : LOW_CODE_POSITIVE[m];
                int index = (m << 1) | negative;
                LOW_CODE_OF[index] = code;
                LOW_LEVEL_OF[index] = LOW_LEVEL4[code >> 2];
                LOW_WEIGHT_OF[index] = LOW_WEIGHT[code >> 2];
            }
        }
        int[][] highCodes = {{HIGH_POSITIVE_SMALL, HIGH_NEGATIVE_SMALL}, {HIGH_POSITIVE_LARGE, HIGH_NEGATIVE_LARGE}};
        for (int m = 1; m <= 2; m++) {
            for (int negative = 0; negative < 2; negative++) {
                int code = highCodes[m - 1][negative];
                int index = (m << 1) | negative;
                HIGH_CODE_OF[index] = code;
                HIGH_LEVEL_OF[index] = HIGH_LEVEL[code];
                HIGH_WEIGHT_OF[index] = HIGH_WEIGHT[code];
            }
        }
        for (int code = 0; code < 64; code++) {
            LOW_LEVEL4_BY_CODE[code] = LOW_LEVEL4[code >> 2];
            LOW_WEIGHT_BY_CODE[code] = LOW_WEIGHT[code >> 2];
        }
        LOW_LEVEL_AND_WEIGHT_OF_T = levelAndWeightTable(LOW_INTERVAL_OF_T, LOW_LEVEL_OF, LOW_WEIGHT_OF);
        HIGH_LEVEL_AND_WEIGHT_OF_T = levelAndWeightTable(HIGH_INTERVAL_OF_T, HIGH_LEVEL_OF, HIGH_WEIGHT_OF);
    }

    private G722() {
    }

    /**
     * The quantiser's table index t for a prediction error (not saturated: any magnitude from 32767 up gives a t
     * beyond the tables, as 32767 does) at the scale factor whose reciprocal (from a RECIPROCAL_OF_LOG table) is
     * given: {@code min(tMax, ceil((magnitude + 1) * 4096 / scale))}, where the magnitude is the recommendation's,
     * one's complement for negatives so that -1 falls in the first interval. The division is a multiplication by
     * {@code ceil(2^64 / scale)} keeping the upper 64 bits, exact here: the dividend is below 2^29 and the scale
     * below 2^15, so the reciprocal's error, less than scale / 2^64 per unit, can never carry the quotient over an
     * integer.
     */
    static int quantiserIndex(int error, int scale, long reciprocal, int tMax) {
        int magnitude = error ^ (error >> 31);
        long dividend = ((long) magnitude << 12) + 4095 + scale;
        return (int) Math.min(tMax, Math.multiplyHigh(dividend, reciprocal));
    }

    /** The interval (1 + levels below t) for each t from 0 to the last level plus one. */
    private static byte[] intervalTable(int[] levels) {
        byte[] table = new byte[levels[levels.length - 1] + 2];
        for (int t = 0; t < table.length; t++) {
            int interval = 1;
            for (int level : levels) {
                if (level < t) {
                    interval++;
                }
            }
            table[t] = (byte) interval;
        }
        return table;
    }

    private static int[] levelAndWeightTable(byte[] intervalOfT, int[] levelOf, int[] weightOf) {
        int[] table = new int[intervalOfT.length];
        for (int t = 0; t < table.length; t++) {
            int index = intervalOfT[t] << 1;
            if (levelOf[index | 1] != -levelOf[index] || weightOf[index | 1] != weightOf[index]) {
                throw new AssertionError("levels not symmetric");
            }
            table[t] = (levelOf[index] << 16) | (weightOf[index] & 0xFFFF);
        }
        return table;
    }

    private static long[] reciprocals(int[] scales) {
        long[] table = new long[scales.length];
        for (int i = 0; i < scales.length; i++) {
            // ceil(2^64 / scale), which fits a long for every scale from 2 up
            table[i] = java.math.BigInteger.ONE.shiftLeft(64).add(java.math.BigInteger.valueOf(scales[i] - 1))
                    .divide(java.math.BigInteger.valueOf(scales[i])).longValueExact();
        }
        return table;
    }

    private static int[] scaleTable(int logScaleMax, int scaleShift) {
        int[] table = new int[(logScaleMax >> 6) + 1];
        for (int index = 0; index < table.length; index++) {
            int mantissa = INVERSE_LOG[index & 31];
            int shift = scaleShift - (index >> 5);
            table[index] = (shift >= 0 ? mantissa >> shift : mantissa << -shift) << 2;
        }
        return table;
    }

    /**
     * Packs a QMF branch's input two consecutive samples to a long, {@code packed[k] = x(k + 1) * 2^32 + x(k)} for k
     * in 0..count-1, so that {@link #branchPairs} gets two outputs from each multiplication.
     */
    static void packPairs(int[] input, long[] packed, int count) {
        for (int k = 0; k < count; k++) {
            packed[k] = ((long) input[k + 1] << 32) + input[k];
        }
    }

    /**
     * One 12-tap QMF branch, {@code y(n) = sum over i of taps[i] x(n + 11 - i)} (x in time order, 11 samples of
     * history first), for n = 2m and 2m + 1 at once: {@code out[m] = y(2m + 1) * 2^32 + y(2m)} from the inputs
     * packed by {@link #packPairs}. Exact, the products and sums of the packed values being those of the pairs
     * (|y| < 2^31 each), and half the multiplications of the plain filter, which is what limits its speed.
     * {@link #low} and {@link #high} take the two outputs apart again.
     */
    static void branchPairs(long[] packed, int[] taps, long[] out, int pairs) {
        long h0 = taps[0];
        long h1 = taps[1];
        long h2 = taps[2];
        long h3 = taps[3];
        long h4 = taps[4];
        long h5 = taps[5];
        long h6 = taps[6];
        long h7 = taps[7];
        long h8 = taps[8];
        long h9 = taps[9];
        long h10 = taps[10];
        long h11 = taps[11];
        for (int m = 0; m < pairs; m++) {
            int n = 2 * m;
            out[m] = h0 * packed[n + 11] + h1 * packed[n + 10] + h2 * packed[n + 9] + h3 * packed[n + 8]
                    + h4 * packed[n + 7] + h5 * packed[n + 6] + h6 * packed[n + 5] + h7 * packed[n + 4]
                    + h8 * packed[n + 3] + h9 * packed[n + 2] + h10 * packed[n + 1] + h11 * packed[n];
        }
    }

    /** The first of the two values packed in {@code pair} (y(2m)). */
    static int low(long pair) {
        return (int) pair;
    }

    /** The second of the two values packed in {@code pair} (y(2m + 1)). */
    static int high(long pair) {
        return (int) ((pair - (int) pair) >> 32);
    }

    /** Limits to the 16-bit two's complement range, as every addition of the recommendation does. */
    static int saturate(int value) {
        return Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, value));
    }

    /** The recommendation's 15-bit limiter for a reconstructed sub-band signal (blocks 6L and 6H). */
    static int limit15(int value) {
        return Math.max(-16384, Math.min(16383, value));
    }
}
