package org.confbridge.media.codec;

import static org.confbridge.media.codec.G722.QMF_BRANCH;
import static org.confbridge.media.codec.G722.QMF_EVEN;
import static org.confbridge.media.codec.G722.QMF_ODD;
import static org.confbridge.media.codec.G722.saturate;

/**
 * G.722 encoder at 64 kbit/s (ITU-T G.722 mode 1): 320 samples of 16 kHz PCM per 20 ms frame in, 160 bytes out.
 *
 * <p>Each pair of input samples goes through the transmit QMF, which splits it into one lower-band (0-4 kHz) and
 * one higher-band (4-8 kHz) sample at 8 kHz; the lower band is coded with 6-bit ADPCM, the higher band with
 * 2-bit ADPCM. The state (QMF history, both bands' predictors) belongs to one outgoing stream. Allocation-free;
 * not thread-safe.
 */
public final class G722Encoder implements FrameEncoder {
    /** The recommendation's transmit QMF takes 14-bit samples; ours are 16-bit, hence 2 more bits of shift. */
    private static final int QMF_SHIFT = 14;

    private final G722Band low = new G722Band(G722.LOW_LOG_SCALE_MAX, G722.LOW_SCALE_SHIFT);
    private final G722Band high = new G722Band(G722.HIGH_LOG_SCALE_MAX, G722.HIGH_SCALE_SHIFT);

    /**
     * Input history for the two QMF branches, newest first from {@code position}: the even branch sees the second
     * sample of each pair, the odd branch the first. Each sample is stored twice, {@code QMF_BRANCH} apart, so
     * that the 12 newest always sit contiguously whatever the ring position.
     */
    private final int[] evenHistory = new int[2 * QMF_BRANCH];
    private final int[] oddHistory = new int[2 * QMF_BRANCH];
    private int position;

    @Override
    public int pcmRate() {
        return G722.PCM_RATE;
    }

    /** Encodes 320 samples from {@code pcm[0]} into 160 bytes from {@code out[0]}; returns 160. */
    @Override
    public int encode(short[] pcm, byte[] out) {
        for (int i = 0; i < G722.FRAME_BYTES; i++) {
            out[i] = encodePair(pcm[2 * i], pcm[2 * i + 1]);
        }
        return G722.FRAME_BYTES;
    }

    private byte encodePair(int first, int second) {
        position = position == 0 ? QMF_BRANCH - 1 : position - 1;
        oddHistory[position] = first;
        oddHistory[position + QMF_BRANCH] = first;
        evenHistory[position] = second;
        evenHistory[position + QMF_BRANCH] = second;
        int even = 0;
        int odd = 0;
        for (int i = 0; i < QMF_BRANCH; i++) {
            even += QMF_EVEN[i] * evenHistory[position + i];
            odd += QMF_ODD[i] * oddHistory[position + i];
        }
        // sum and difference of the branches: the low-pass and the (spectrally mirrored) high-pass sub-band
        int lowCode = encodeLow(saturate((even + odd) >> QMF_SHIFT));
        int highCode = encodeHigh(saturate((even - odd) >> QMF_SHIFT));
        return (byte) ((highCode << 6) | lowCode);
    }

    /** Lower band: 6-bit quantisation of the prediction error (block 1L), then the shared adaptation. */
    private int encodeLow(int sample) {
        int error = saturate(sample - low.estimate());
        // magnitude as the recommendation takes it: one's complement for negatives, so that -1 falls in interval 1
        int magnitude = error >= 0 ? error : -(error + 1);
        // the interval m (1..30) whose decision levels bracket the magnitude: the first m whose upper level
        // (LOW_DECISION[m], scaled) exceeds it, found by bisection over the ascending levels
        int scale = low.scale();
        int lowest = 1;
        int highest = G722.LOW_INTERVALS;
        while (lowest < highest) {
            int middle = (lowest + highest) >>> 1;
            if (magnitude < (G722.LOW_DECISION[middle] * scale) >> 12) {
                highest = middle;
            } else {
                lowest = middle + 1;
            }
        }
        int interval = lowest;
        int code = error < 0 ? G722.LOW_CODE_NEGATIVE[interval] : G722.LOW_CODE_POSITIVE[interval];
        G722.adaptLow(low, code);
        return code;
    }

    /** Higher band: 2-bit quantisation of the prediction error (block 1H), then the shared adaptation. */
    private int encodeHigh(int sample) {
        int error = saturate(sample - high.estimate());
        int magnitude = error >= 0 ? error : -(error + 1);
        boolean large = magnitude >= (G722.HIGH_DECISION * high.scale()) >> 12;
        int code;
        if (error < 0) {
            code = large ? G722.HIGH_NEGATIVE_LARGE : G722.HIGH_NEGATIVE_SMALL;
        } else {
            code = large ? G722.HIGH_POSITIVE_LARGE : G722.HIGH_POSITIVE_SMALL;
        }
        G722.adaptHigh(high, code);
        return code;
    }

    G722Band lowBand() {
        return low;
    }

    G722Band highBand() {
        return high;
    }
}
