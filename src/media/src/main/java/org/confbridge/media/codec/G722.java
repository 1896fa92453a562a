package org.confbridge.media.codec;

/**
 * Constants of ITU-T G.722 (09/2012), 64 kbit/s mode: the QMF filter and the quantiser, inverse-quantiser and
 * scale-factor tables, in the recommendation's fixed-point units. Shared by {@link G722Encoder} and
 * {@link G722Decoder}; the arithmetic lives in {@link G722Band} (one sub-band's adaptation) and the two codec classes.
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

    private G722() {
    }

    /**
     * The lower band's adaptation after a 6-bit code, run identically by the encoder and the decoder: only the
     * code's 4 most significant bits drive it (blocks 2L, 3L, 4L).
     */
    static void adaptLow(G722Band band, int code6) {
        int code4 = code6 >> 2;
        int difference = (band.scale() * LOW_LEVEL4[code4]) >> 15;
        band.adaptScale(LOW_WEIGHT[code4]);
        band.update(difference);
    }

    /**
     * The higher band's adaptation after a 2-bit code, run identically by the encoder and the decoder (blocks 2H,
     * 3H, 4H); returns the quantised difference, which the decoder adds to the estimate.
     */
    static int adaptHigh(G722Band band, int code2) {
        int difference = (band.scale() * HIGH_LEVEL[code2]) >> 15;
        band.adaptScale(HIGH_WEIGHT[code2]);
        band.update(difference);
        return difference;
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
