package org.confbridge.media.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confbridge.media.codec.G722.saturate;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast G.722 ({@link G722Band}: no search in the quantiser, left-out saturations, the zero sum's fast path,
 * the packed QMF) against a plain transcription of the recommendation, as the codec was first written: the same
 * codes and samples bit for bit, on signals chosen to reach the corners (full-scale square waves and noise, where
 * the saturations and the quantiser's last intervals act) as well as on speech-like ones.
 */
class G722ReferenceTest {

    @Test
    void theQuantiserWithoutASearchFindsTheIntervalsOfTheSearch() {
        for (int[] band : new int[][] {{0}, {1}}) {
            boolean lower = band[0] == 0;
            int[] scales = lower ? G722.LOW_SCALE_OF_LOG : G722.HIGH_SCALE_OF_LOG;
            long[] reciprocals = lower ? G722.LOW_RECIPROCAL_OF_LOG : G722.HIGH_RECIPROCAL_OF_LOG;
            byte[] intervals = lower ? G722.LOW_INTERVAL_OF_T : G722.HIGH_INTERVAL_OF_T;
            int[] levels = lower ? G722.LOW_DECISION : new int[] {0, G722.HIGH_DECISION};
            int last = lower ? G722.LOW_INTERVALS : 2;
            for (int i = 0; i < scales.length; i++) {
                int scale = scales[i];
                for (int error = -65536; error < 65536; error++) {
                    int saturated = saturate(error);
                    int magnitude = saturated >= 0 ? saturated : -(saturated + 1);
                    int expected = last;
                    for (int m = 1; m < last; m++) {
                        if (magnitude < (levels[m] * scale) >> 12) {
                            expected = m;
                            break;
                        }
                    }
                    int t = G722.quantiserIndex(error, scale, reciprocals[i], intervals.length - 1);
                    if (intervals[t] != expected) {
                        assertThat(intervals[t]).as("band %d scale %d error %d", band[0], scale, error)
                                .isEqualTo((byte) expected);
                    }
                }
            }
        }
    }

    @Test
    void encoderAndDecoderMatchThePlainTranscriptionOnExtremeSignals() {
        Random random = new Random(11);
        int frames = 400;
        short[][] signals = new short[5][frames * 320];
        for (int n = 0; n < frames * 320; n++) {
            signals[0][n] = (short) ((n / 20) % 2 == 0 ? 32767 : -32768); // 400 Hz full-scale square
            signals[1][n] = (short) ((n / 3) % 2 == 0 ? 32767 : -32768); // 2.7 kHz full-scale square
            signals[2][n] = (short) (random.nextBoolean() ? 32767 : -32768); // full-scale random signs
            signals[3][n] = (short) random.nextInt(65536); // full-scale white noise
            double t = n / 16000.0;
            signals[4][n] = AudioFrames.clip((int) Math.round((n / 8000 % 4) * 12000 * Math.sin(2 * Math.PI * 300 * t)
                    + 9000 * Math.sin(2 * Math.PI * 7000 * t))); // loud, clipped, with silences between
        }
        for (short[] signal : signals) {
            G722Encoder encoder = new G722Encoder();
            G722Decoder decoder = new G722Decoder();
            Reference reference = new Reference();
            short[] pcm = new short[320];
            byte[] payload = new byte[160];
            byte[] expectedPayload = new byte[160];
            short[] decoded = new short[320];
            short[] expectedDecoded = new short[320];
            for (int f = 0; f < frames; f++) {
                System.arraycopy(signal, f * 320, pcm, 0, 320);
                encoder.encode(pcm, payload);
                reference.encode(pcm, expectedPayload);
                assertThat(payload).as("frame %d", f).isEqualTo(expectedPayload);
                // the decoder in blocks of varied lengths, as payloads of any length decode
                int split = random.nextInt(161);
                decoder.decode(payload, 0, split, decoded);
                short[] rest = new short[320];
                decoder.decode(payload, split, 160 - split, rest);
                System.arraycopy(rest, 0, decoded, 2 * split, 320 - 2 * split);
                reference.decode(payload, expectedDecoded);
                assertThat(decoded).as("frame %d", f).isEqualTo(expectedDecoded);
            }
        }
    }

    @Test
    void theDecoderMatchesThePlainTranscriptionOnAnyBytes() {
        // random bytes, and runs of codes the encoder never sends (0-3) that drive the predictor to its limits,
        // where the zero section's sum saturates
        Random random = new Random(12);
        G722Decoder decoder = new G722Decoder();
        Reference reference = new Reference();
        byte[] payload = new byte[160];
        short[] decoded = new short[320];
        short[] expected = new short[320];
        for (int f = 0; f < 2000; f++) {
            int kind = f / 10 % 4;
            for (int i = 0; i < 160; i++) {
                payload[i] = (byte) (kind == 0 ? random.nextInt(256) : kind == 1 ? 0 : kind == 2 ? random.nextInt(4)
                        : (i / 8 % 2 == 0 ? 0x20 : 0x00) | random.nextInt(256) & 0xC0);
            }
            decoder.decode(payload, 0, 160, decoded);
            reference.decode(payload, expected);
            assertThat(decoded).as("frame %d", f).isEqualTo(expected);
        }
    }

    /** The codec as first written from the recommendation: one sample at a time, a search in the quantiser. */
    private static final class Reference {
        private final Band encoderLow = new Band(G722.LOW_LOG_SCALE_MAX, G722.LOW_SCALE_SHIFT);
        private final Band encoderHigh = new Band(G722.HIGH_LOG_SCALE_MAX, G722.HIGH_SCALE_SHIFT);
        private final Band decoderLow = new Band(G722.LOW_LOG_SCALE_MAX, G722.LOW_SCALE_SHIFT);
        private final Band decoderHigh = new Band(G722.HIGH_LOG_SCALE_MAX, G722.HIGH_SCALE_SHIFT);
        private final int[] evenHistory = new int[12];
        private final int[] oddHistory = new int[12];
        private final int[] differenceHistory = new int[12];
        private final int[] sumHistory = new int[12];

        void encode(short[] pcm, byte[] out) {
            for (int i = 0; i < 160; i++) {
                System.arraycopy(oddHistory, 0, oddHistory, 1, 11);
                System.arraycopy(evenHistory, 0, evenHistory, 1, 11);
                oddHistory[0] = pcm[2 * i];
                evenHistory[0] = pcm[2 * i + 1];
                int even = 0;
                int odd = 0;
                for (int k = 0; k < 12; k++) {
                    even += G722.QMF_EVEN[k] * evenHistory[k];
                    odd += G722.QMF_ODD[k] * oddHistory[k];
                }
                int lowCode = encodeLow(saturate((even + odd) >> 14));
                int highCode = encodeHigh(saturate((even - odd) >> 14));
                out[i] = (byte) ((highCode << 6) | lowCode);
            }
        }

        private int encodeLow(int sample) {
            Band band = encoderLow;
            int error = saturate(sample - band.estimate);
            int magnitude = error >= 0 ? error : -(error + 1);
            int interval = G722.LOW_INTERVALS;
            for (int m = 1; m < G722.LOW_INTERVALS; m++) {
                if (magnitude < (G722.LOW_DECISION[m] * band.scale) >> 12) {
                    interval = m;
                    break;
                }
            }
            int code = error < 0 ? G722.LOW_CODE_NEGATIVE[interval] : G722.LOW_CODE_POSITIVE[interval];
            adaptLow(band, code);
            return code;
        }

        private int encodeHigh(int sample) {
            Band band = encoderHigh;
            int error = saturate(sample - band.estimate);
            int magnitude = error >= 0 ? error : -(error + 1);
            boolean large = magnitude >= (G722.HIGH_DECISION * band.scale) >> 12;
            int code = error < 0 ? (large ? 0 : 1) : (large ? 2 : 3);
            adaptHigh(band, code);
            return code;
        }

        void decode(byte[] payload, short[] pcm) {
            for (int i = 0; i < 160; i++) {
                int code = payload[i] & 0xFF;
                int lowCode = code & 0x3F;
                int highCode = code >> 6;
                int lowSample = G722.limit15(decoderLow.estimate
                        + ((decoderLow.scale * G722.LOW_LEVEL6[lowCode]) >> 15));
                adaptLow(decoderLow, lowCode);
                int highEstimate = decoderHigh.estimate;
                int highSample = G722.limit15(highEstimate + adaptHigh(decoderHigh, highCode));
                System.arraycopy(differenceHistory, 0, differenceHistory, 1, 11);
                System.arraycopy(sumHistory, 0, sumHistory, 1, 11);
                differenceHistory[0] = lowSample - highSample;
                sumHistory[0] = lowSample + highSample;
                int first = 0;
                int second = 0;
                for (int k = 0; k < 12; k++) {
                    first += G722.QMF_EVEN[k] * differenceHistory[k];
                    second += G722.QMF_ODD[k] * sumHistory[k];
                }
                pcm[2 * i] = AudioFrames.clip(first >> 11);
                pcm[2 * i + 1] = AudioFrames.clip(second >> 11);
            }
        }

        private static void adaptLow(Band band, int code6) {
            int code4 = code6 >> 2;
            int difference = (band.scale * G722.LOW_LEVEL4[code4]) >> 15;
            band.adaptScale(G722.LOW_WEIGHT[code4]);
            band.update(difference);
        }

        private static int adaptHigh(Band band, int code2) {
            int difference = (band.scale * G722.HIGH_LEVEL[code2]) >> 15;
            band.adaptScale(G722.HIGH_WEIGHT[code2]);
            band.update(difference);
            return difference;
        }
    }

    /** One band's state and adaptation, as first written (arrays, every saturation of the recommendation). */
    private static final class Band {
        private static final int ZEROS = 6;
        private final int logScaleMax;
        private final int scaleShift;
        private int logScale;
        int scale;
        private int pole1;
        private int pole2;
        private final int[] zero = new int[ZEROS + 1];
        private final int[] pastDifference = new int[ZEROS + 1];
        private int pastPartial1;
        private int pastPartial2;
        private int pastRecon1;
        private int pastRecon2;
        private int zeroEstimate;
        int estimate;

        Band(int logScaleMax, int scaleShift) {
            this.logScaleMax = logScaleMax;
            this.scaleShift = scaleShift;
            this.scale = linearScale(0);
        }

        void adaptScale(int weight) {
            logScale = Math.max(0, Math.min(logScaleMax, ((logScale * 127) >> 7) + weight));
            scale = linearScale(logScale);
        }

        private int linearScale(int log) {
            int mantissa = G722.INVERSE_LOG[(log >> 6) & 31];
            int shift = scaleShift - (log >> 11);
            return (shift >= 0 ? mantissa >> shift : mantissa << -shift) << 2;
        }

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

    }
}
