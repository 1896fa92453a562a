package org.confbridge.media.codec;

import static org.confbridge.media.codec.G722.FRAME_BYTES;
import static org.confbridge.media.codec.G722.QMF_EVEN;
import static org.confbridge.media.codec.G722.QMF_HISTORY;
import static org.confbridge.media.codec.G722.QMF_ODD;
import static org.confbridge.media.codec.G722.saturate;

/**
 * G.722 encoder at 64 kbit/s (ITU-T G.722 mode 1): 320 samples of 16 kHz PCM per 20 ms frame in, 160 bytes out.
 *
 * <p>Each pair of input samples goes through the transmit QMF, which splits it into one lower-band (0-4 kHz) and
 * one higher-band (4-8 kHz) sample at 8 kHz; the lower band is coded with 6-bit ADPCM, the higher band with
 * 2-bit ADPCM. A frame is done in passes: the QMF over the whole frame (it has no feedback), then each band's
 * ADPCM ({@link G722Band}), one sample after the other since each depends on the last. The state (QMF history, both
 * bands' predictors) belongs to one outgoing stream. Allocation-free; not thread-safe.
 */
public final class G722Encoder implements FrameEncoder {
    /** The recommendation's transmit QMF takes 14-bit samples; ours are 16-bit, hence 2 more bits of shift. */
    private static final int QMF_SHIFT = 14;

    private final G722Band low = G722Band.lower();
    private final G722Band high = G722Band.higher();

    /**
     * Input of the two QMF branches in time order: the 11 pairs before this frame, then the frame's 160. The even
     * branch sees the second sample of each pair, the odd branch the first.
     */
    private final int[] evenInput = new int[QMF_HISTORY + FRAME_BYTES];
    private final int[] oddInput = new int[QMF_HISTORY + FRAME_BYTES];
    /** The branches' input in pairs ({@link G722#packPairs}), their outputs in pairs, the sub-band signals. */
    private final long[] evenPacked = new long[QMF_HISTORY + FRAME_BYTES];
    private final long[] oddPacked = new long[QMF_HISTORY + FRAME_BYTES];
    private final long[] evenOutput = new long[FRAME_BYTES / 2];
    private final long[] oddOutput = new long[FRAME_BYTES / 2];
    private final int[] lowBand = new int[FRAME_BYTES];
    private final int[] highBand = new int[FRAME_BYTES];
    /** The bands' codes over the frame. */
    private final int[] lowCodes = new int[FRAME_BYTES];
    private final int[] highCodes = new int[FRAME_BYTES];

    @Override
    public int pcmRate() {
        return G722.PCM_RATE;
    }

    /** Encodes 320 samples from {@code pcm[0]} into 160 bytes from {@code out[0]}; returns 160. */
    @Override
    public int encode(short[] pcm, byte[] out) {
        analyse(pcm);
        quantise(out);
        return FRAME_BYTES;
    }

    /**
     * The transmit QMF over the frame: each branch is a 12-tap filter at 8 kHz, two outputs at a time
     * ({@link G722#branchPairs}). The sum and the difference of the branches are the low-pass and the (spectrally
     * mirrored) high-pass sub-band signals.
     */
    private void analyse(short[] pcm) {
        int[] even = evenInput;
        int[] odd = oddInput;
        for (int n = 0; n < FRAME_BYTES; n++) {
            odd[QMF_HISTORY + n] = pcm[2 * n];
            even[QMF_HISTORY + n] = pcm[2 * n + 1];
        }
        int packedCount = FRAME_BYTES + QMF_HISTORY - 1;
        G722.packPairs(even, evenPacked, packedCount);
        G722.packPairs(odd, oddPacked, packedCount);
        int pairs = FRAME_BYTES / 2;
        G722.branchPairs(evenPacked, QMF_EVEN, evenOutput, pairs);
        G722.branchPairs(oddPacked, QMF_ODD, oddOutput, pairs);
        int[] lowOut = lowBand;
        int[] highOut = highBand;
        long[] evenPairs = evenOutput;
        long[] oddPairs = oddOutput;
        for (int m = 0; m < pairs; m++) {
            long sum = evenPairs[m] + oddPairs[m];
            long difference = evenPairs[m] - oddPairs[m];
            lowOut[2 * m] = saturate(G722.low(sum) >> QMF_SHIFT);
            lowOut[2 * m + 1] = saturate(G722.high(sum) >> QMF_SHIFT);
            highOut[2 * m] = saturate(G722.low(difference) >> QMF_SHIFT);
            highOut[2 * m + 1] = saturate(G722.high(difference) >> QMF_SHIFT);
        }
        System.arraycopy(even, FRAME_BYTES, even, 0, QMF_HISTORY);
        System.arraycopy(odd, FRAME_BYTES, odd, 0, QMF_HISTORY);
    }

    /**
     * The ADPCM of each band over the frame (one band after the other: the two are independent, and each alone
     * keeps its state in registers), then the codes packed, the higher band's 2 bits on top of the lower band's 6.
     */
    private void quantise(byte[] out) {
        low.encode(lowBand, lowCodes, FRAME_BYTES);
        high.encode(highBand, highCodes, FRAME_BYTES);
        int[] lowCode = lowCodes;
        int[] highCode = highCodes;
        for (int n = 0; n < FRAME_BYTES; n++) {
            out[n] = (byte) ((highCode[n] << 6) | lowCode[n]);
        }
    }

    G722Band lowBand() {
        return low;
    }

    G722Band highBand() {
        return high;
    }
}
