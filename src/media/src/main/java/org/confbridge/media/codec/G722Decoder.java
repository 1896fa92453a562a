package org.confbridge.media.codec;

import static org.confbridge.media.codec.G722.QMF_BRANCH;
import static org.confbridge.media.codec.G722.QMF_EVEN;
import static org.confbridge.media.codec.G722.QMF_ODD;
import static org.confbridge.media.codec.G722.limit15;

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

    private final G722Band low = new G722Band(G722.LOW_LOG_SCALE_MAX, G722.LOW_SCALE_SHIFT);
    private final G722Band high = new G722Band(G722.HIGH_LOG_SCALE_MAX, G722.HIGH_SCALE_SHIFT);

    /**
     * Receive QMF history, newest first from {@code position}: the difference of the bands feeds the even
     * branch (first output sample of a pair), their sum the odd branch. Stored twice, as in the encoder.
     */
    private final int[] differenceHistory = new int[2 * QMF_BRANCH];
    private final int[] sumHistory = new int[2 * QMF_BRANCH];
    private int position;

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
        for (int i = 0; i < length; i++) {
            decodeByte(payload[offset + i] & 0xFF, pcm, 2 * i);
        }
        int samples = 2 * length;
        remember(pcm, samples);
        concealedInARow = 0;
        return samples;
    }

    private void decodeByte(int code, short[] pcm, int at) {
        int lowCode = code & 0x3F;
        int highCode = code >> 6;

        // lower band: the full 6-bit reconstruction is heard; the predictor adapts on the 4-bit one
        int lowSample = limit15(low.estimate() + ((low.scale() * G722.LOW_LEVEL6[lowCode]) >> 15));
        G722.adaptLow(low, lowCode);
        int highEstimate = high.estimate();
        int highSample = limit15(highEstimate + G722.adaptHigh(high, highCode));

        position = position == 0 ? QMF_BRANCH - 1 : position - 1;
        int difference = lowSample - highSample;
        int sum = lowSample + highSample;
        differenceHistory[position] = difference;
        differenceHistory[position + QMF_BRANCH] = difference;
        sumHistory[position] = sum;
        sumHistory[position + QMF_BRANCH] = sum;
        int first = 0;
        int second = 0;
        for (int i = 0; i < QMF_BRANCH; i++) {
            first += QMF_EVEN[i] * differenceHistory[position + i];
            second += QMF_ODD[i] * sumHistory[position + i];
        }
        pcm[at] = AudioFrames.clip(first >> QMF_SHIFT);
        pcm[at + 1] = AudioFrames.clip(second >> QMF_SHIFT);
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
