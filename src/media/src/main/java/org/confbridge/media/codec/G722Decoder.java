package org.confbridge.media.codec;

import static org.confbridge.media.codec.G722.FRAME_BYTES;
import static org.confbridge.media.codec.G722.QMF_EVEN;
import static org.confbridge.media.codec.G722.QMF_HISTORY;
import static org.confbridge.media.codec.G722.QMF_ODD;

/**
 * G.722 decoder at 64 kbit/s (ITU-T G.722 mode 1): each payload byte gives two samples of 16 kHz PCM, so a
 * payload of any length decodes (160 bytes for 20 ms).
 *
 * <p>Concealment of a lost frame: the last 20 ms of output played again, faded (the level halves over each
 * concealed frame, linearly within it), and silence from the fifth lost frame in a row on. The ADPCM state is left
 * as it was: the decoder's predictors pull back in step with the encoder's within a few milliseconds of the next
 * packet. The state belongs to one incoming stream. Allocation-free; not thread-safe.
 */
public final class G722Decoder implements FrameDecoder {
    /**
     * Delay of an encoder-decoder pair in 16 kHz samples: the transmit and receive QMFs together (24 taps each,
     * 23 samples of group delay), less the one sample gained by taking input and giving output in pairs.
     */
    public static final int CODEC_DELAY = 22;
    /** Receive QMF output: 15-bit sub-band samples times the 2^12 branch gain, back to 16-bit PCM. */
    private static final int QMF_SHIFT = 11;
    /** Concealed frames in a row after which only silence is played. */
    private static final int CONCEALED_FRAMES_MAX = 4;

    private final G722Band low = G722Band.lower();
    private final G722Band high = G722Band.higher();
    /** A block's codes split by band, then the bands' reconstructed signals. */
    private final int[] lowCodes = new int[FRAME_BYTES];
    private final int[] highCodes = new int[FRAME_BYTES];
    private final int[] lowSignal = new int[FRAME_BYTES];
    private final int[] highSignal = new int[FRAME_BYTES];

    /**
     * Receive QMF input in time order, the 11 pairs before the current block then the block's (up to 160): the
     * difference of the bands feeds the even branch (first output sample of a pair), their sum the odd branch.
     */
    private final int[] differenceInput = new int[QMF_HISTORY + FRAME_BYTES];
    private final int[] sumInput = new int[QMF_HISTORY + FRAME_BYTES];
    /** The branches' input in pairs ({@link G722#packPairs}) and their outputs in pairs, over a block. */
    private final long[] differencePacked = new long[QMF_HISTORY + FRAME_BYTES];
    private final long[] sumPacked = new long[QMF_HISTORY + FRAME_BYTES];
    private final long[] firstOutput = new long[FRAME_BYTES / 2];
    private final long[] secondOutput = new long[FRAME_BYTES / 2];

    /** The last 20 ms of output (a ring ending at {@code lastEnd}), the material of concealment. */
    private final short[] last = new short[G722.FRAME_SAMPLES];
    private int lastEnd;
    private int concealedInARow;

    @Override
    public int pcmRate() {
        return G722.PCM_RATE;
    }

    /**
     * Decodes {@code length} bytes into {@code 2 * length} samples. Every byte value is a valid code, so the only
     * payload refused (-1, state untouched) is one whose samples would not fit in {@code pcm}.
     */
    @Override
    public int decode(byte[] payload, int offset, int length, short[] pcm) {
        if (length < 0 || 2L * length > pcm.length) {
            return -1;
        }
        // in blocks of at most 20 ms: first the ADPCM of the block, one byte after the other since each depends
        // on the last, then the receive QMF over it (no feedback, so its loops run over plain arrays)
        for (int done = 0; done < length; done += FRAME_BYTES) {
            int block = Math.min(FRAME_BYTES, length - done);
            reconstruct(payload, offset + done, block);
            synthesise(pcm, 2 * done, block);
        }
        int samples = 2 * length;
        remember(pcm, samples);
        concealedInARow = 0;
        return samples;
    }

    /**
     * The ADPCM of each band over {@code count} bytes (one band after the other: the two are independent, and each
     * alone keeps its state in registers), then the QMF's input: the difference and the sum of the bands.
     */
    private void reconstruct(byte[] payload, int from, int count) {
        int[] lowCode = lowCodes;
        int[] highCode = highCodes;
        for (int n = 0; n < count; n++) {
            int code = payload[from + n] & 0xFF;
            lowCode[n] = code & 0x3F;
            highCode[n] = code >> 6;
        }
        low.decode(lowCode, lowSignal, count);
        high.decode(highCode, highSignal, count);
        int[] lowOut = lowSignal;
        int[] highOut = highSignal;
        int[] difference = differenceInput;
        int[] sum = sumInput;
        for (int n = 0; n < count; n++) {
            difference[QMF_HISTORY + n] = lowOut[n] - highOut[n];
            sum[QMF_HISTORY + n] = lowOut[n] + highOut[n];
        }
    }

    /**
     * The receive QMF over {@code count} pairs, two output samples each from {@code pcm[at]}: the even branch
     * (QMF_EVEN) on the band difference gives the first, the odd branch (QMF_ODD) on the sum the second; each
     * branch two pairs at a time ({@link G722#branchPairs}; for an odd count the last is computed and dropped).
     */
    private void synthesise(short[] pcm, int at, int count) {
        int[] difference = differenceInput;
        int[] sum = sumInput;
        int pairs = (count + 1) / 2;
        int packedCount = 2 * pairs + QMF_HISTORY - 1;
        G722.packPairs(difference, differencePacked, packedCount);
        G722.packPairs(sum, sumPacked, packedCount);
        G722.branchPairs(differencePacked, QMF_EVEN, firstOutput, pairs);
        G722.branchPairs(sumPacked, QMF_ODD, secondOutput, pairs);
        long[] first = firstOutput;
        long[] second = secondOutput;
        int whole = count / 2;
        for (int m = 0; m < whole; m++) {
            int out = at + 4 * m;
            pcm[out] = AudioFrames.clip(G722.low(first[m]) >> QMF_SHIFT);
            pcm[out + 1] = AudioFrames.clip(G722.low(second[m]) >> QMF_SHIFT);
            pcm[out + 2] = AudioFrames.clip(G722.high(first[m]) >> QMF_SHIFT);
            pcm[out + 3] = AudioFrames.clip(G722.high(second[m]) >> QMF_SHIFT);
        }
        if (whole < pairs) {
            int out = at + 4 * whole;
            pcm[out] = AudioFrames.clip(G722.low(first[whole]) >> QMF_SHIFT);
            pcm[out + 1] = AudioFrames.clip(G722.low(second[whole]) >> QMF_SHIFT);
        }
        System.arraycopy(difference, count, difference, 0, QMF_HISTORY);
        System.arraycopy(sum, count, sum, 0, QMF_HISTORY);
    }

    private void remember(short[] pcm, int samples) {
        int frame = last.length;
        if (samples >= frame) {
            System.arraycopy(pcm, samples - frame, last, 0, frame);
            lastEnd = 0;
            return;
        }
        for (int i = 0; i < samples; i++) {
            last[lastEnd] = pcm[i];
            lastEnd = lastEnd + 1 == frame ? 0 : lastEnd + 1;
        }
    }

    /** Writes 320 samples: the last 20 ms of output again, faded, or silence after 4 lost frames in a row. */
    @Override
    public int conceal(short[] pcm) {
        int frame = last.length;
        concealedInARow++;
        if (concealedInARow > CONCEALED_FRAMES_MAX) {
            java.util.Arrays.fill(pcm, 0, frame, (short) 0);
            return frame;
        }
        // gain falls from 2^-(k-1) to 2^-k over the k-th concealed frame, without a step at the frame edges
        float startGain = 1f / (1 << (concealedInARow - 1));
        float slope = -startGain / 2 / frame;
        for (int i = 0; i < frame; i++) {
            int from = lastEnd + i < frame ? lastEnd + i : lastEnd + i - frame;
            pcm[i] = (short) Math.round(last[from] * (startGain + slope * i));
        }
        return frame;
    }

    G722Band lowBand() {
        return low;
    }

    G722Band highBand() {
        return high;
    }
}
