package org.confbridge.media.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confbridge.media.codec.CodecSignals.amplitude;
import static org.confbridge.media.codec.CodecSignals.db;
import static org.confbridge.media.codec.CodecSignals.roundTrip;
import static org.confbridge.media.codec.CodecSignals.snrDb;
import static org.confbridge.media.codec.CodecSignals.tone;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class G722CodecTest {
    private static final int RATE = 16000;
    private static final int ONE_SECOND = RATE;
    /** Left out of the measurements: the ADPCM adapting from its reset state. */
    private static final int SETTLING = RATE / 10;

    @Test
    void aFrameIs320SamplesIn160BytesOut() {
        G722Encoder encoder = new G722Encoder();
        byte[] payload = new byte[200];
        assertThat(encoder.pcmRate()).isEqualTo(16000);
        assertThat(encoder.encode(new short[320], payload)).isEqualTo(160);
        G722Decoder decoder = new G722Decoder();
        assertThat(decoder.pcmRate()).isEqualTo(16000);
        assertThat(decoder.decode(payload, 0, 160, new short[320])).isEqualTo(320);
    }

    @Test
    void theCodecDelayIs22SamplesByCrossCorrelation() {
        short[] input = CodecSignals.noise(7, 6000, ONE_SECOND);
        short[] output = roundTrip(new G722Encoder(), new G722Decoder(), input);
        int delay = CodecSignals.delay(input, output, 100);
        assertThat(delay).isEqualTo(G722Decoder.CODEC_DELAY);
        // aligned, only coding noise is left; on white noise half the energy is in the 2-bit higher band (about 11 dB)
        assertThat(snrDb(input, output, delay, SETTLING)).as("SNR on white noise").isGreaterThan(9);
    }

    @ParameterizedTest
    @ValueSource(ints = {440, 1000, 6000})
    void aToneKeepsItsLevelAndAClearSignalThroughTheCodec(int frequency) {
        short[] input = tone(frequency, RATE, 10000, ONE_SECOND);
        short[] output = roundTrip(new G722Encoder(), new G722Decoder(), input);
        int delay = G722Decoder.CODEC_DELAY;
        int length = ONE_SECOND - SETTLING - delay;
        double inLevel = amplitude(input, SETTLING, length, frequency, RATE);
        double outLevel = amplitude(shift(output, delay), SETTLING, length, frequency, RATE);
        double snr = snrDb(input, output, delay, SETTLING);
        System.out.printf("G.722 %d Hz: level %.2f dB, SNR %.1f dB%n", frequency, db(outLevel / inLevel), snr);
        assertThat(db(outLevel / inLevel)).as("level change, dB").isBetween(-1.5, 1.5);
        assertThat(snr).as("SNR, dB").isGreaterThanOrEqualTo(25);
    }

    @Test
    void silenceEncodesToNearSilence() {
        short[] output = roundTrip(new G722Encoder(), new G722Decoder(), new short[ONE_SECOND]);
        int peak = 0;
        for (short sample : output) {
            peak = Math.max(peak, Math.abs(sample));
        }
        System.out.println("G.722 silence peak " + peak);
        assertThat(peak).as("loudest decoded sample of silence").isLessThanOrEqualTo(8);
    }

    /**
     * 10 s of tones sweeping 200-700 Hz at changing levels (up to clipping), a 6.1 kHz tone and noise, encoded and
     * decoded: the payload and the decoded PCM are bit for bit those of spandsp 0.0.6's G.722 (the implementation
     * in Asterisk and FreeSWITCH, itself checked against the ITU-T test sequences), compared once with the Debian
     * libspandsp2 package and kept here as CRC-32s.
     */
    @Test
    void encoderAndDecoderMatchSpanDspBitForBit() {
        Random random = new Random(5);
        int frames = 500;
        G722Encoder encoder = new G722Encoder();
        G722Decoder decoder = new G722Decoder();
        short[] pcm = new short[320];
        byte[] payload = new byte[160];
        short[] decoded = new short[320];
        java.util.zip.CRC32 payloadCrc = new java.util.zip.CRC32();
        java.util.zip.CRC32 pcmCrc = new java.util.zip.CRC32();
        for (int f = 0; f < frames; f++) {
            for (int i = 0; i < 320; i++) {
                int n = f * 320 + i;
                double t = n / 16000.0;
                double value = (f % 7) * 3000 * StrictMath.sin(2 * Math.PI * (200 + f) * t)
                        + 1500 * StrictMath.sin(2 * Math.PI * 6100 * t) + random.nextGaussian() * (f % 5) * 800;
                pcm[i] = (short) Math.max(-32768, Math.min(32767, Math.round(value)));
            }
            encoder.encode(pcm, payload);
            payloadCrc.update(payload);
            decoder.decode(payload, 0, 160, decoded);
            for (short sample : decoded) {
                pcmCrc.update(sample & 0xFF);
                pcmCrc.update((sample >> 8) & 0xFF);
            }
        }
        assertThat(Long.toHexString(payloadCrc.getValue())).as("payload CRC-32").isEqualTo("c1aacb55");
        assertThat(Long.toHexString(pcmCrc.getValue())).as("decoded PCM CRC-32").isEqualTo("a64fec33");
    }

    @Test
    void theRecommendationsResetStateHasTheSmallestScaleFactors() {
        // G.722 section 6.2 (reset): DETL = 32 and DETH = 8, everything else zero
        G722Encoder encoder = new G722Encoder();
        assertThat(encoder.lowBand().scale()).isEqualTo(32);
        assertThat(encoder.highBand().scale()).isEqualTo(8);
        assertThat(encoder.lowBand().estimate()).isZero();
        // and a fresh encoder and decoder are in the same state
        G722Decoder decoder = new G722Decoder();
        assertThat(decoder.lowBand().sameStateAs(encoder.lowBand())).isTrue();
        assertThat(decoder.highBand().sameStateAs(encoder.highBand())).isTrue();
    }

    @Test
    void theDecodersPredictorsStayInStepWithTheEncodersEvenWithoutTheLowerBandsTwoLeastSignificantBits() {
        // The recommendation's embedded coding: the predictors adapt on the 4 most significant bits of the
        // lower-band code only, so a link that drops the 2 LSBs (the 56 and 48 kbit/s modes) costs quality,
        // not synchronism.
        G722Encoder encoder = new G722Encoder();
        G722Decoder full = new G722Decoder();
        G722Decoder truncated = new G722Decoder();
        short[] input = mix(tone(440, RATE, 6000, ONE_SECOND), CodecSignals.noise(3, 3000, ONE_SECOND));
        short[] frame = new short[320];
        byte[] payload = new byte[160];
        short[] fullOut = new short[ONE_SECOND];
        short[] truncatedOut = new short[ONE_SECOND];
        short[] pcm = new short[320];
        for (int start = 0; start < ONE_SECOND; start += 320) {
            System.arraycopy(input, start, frame, 0, 320);
            encoder.encode(frame, payload);
            full.decode(payload, 0, 160, pcm);
            System.arraycopy(pcm, 0, fullOut, start, 320);
            for (int i = 0; i < payload.length; i++) {
                payload[i] &= (byte) 0xFC;
            }
            truncated.decode(payload, 0, 160, pcm);
            System.arraycopy(pcm, 0, truncatedOut, start, 320);
            assertThat(full.lowBand().sameStateAs(encoder.lowBand())).isTrue();
            assertThat(full.highBand().sameStateAs(encoder.highBand())).isTrue();
            assertThat(truncated.lowBand().sameStateAs(encoder.lowBand())).isTrue();
        }
        double fullSnr = snrDb(input, fullOut, G722Decoder.CODEC_DELAY, SETTLING);
        double truncatedSnr = snrDb(input, truncatedOut, G722Decoder.CODEC_DELAY, SETTLING);
        assertThat(truncatedSnr).isLessThan(fullSnr).isGreaterThan(fullSnr - 12);
    }

    @Test
    void decodingRandomBytesNeverThrowsAndGivesTwoSamplesPerByte() {
        Random random = new Random(42);
        G722Decoder decoder = new G722Decoder();
        short[] pcm = new short[1000];
        for (int round = 0; round < 5000; round++) {
            byte[] payload = new byte[random.nextInt(500)];
            random.nextBytes(payload);
            int offset = payload.length == 0 ? 0 : random.nextInt(payload.length);
            int length = payload.length - offset;
            assertThat(decoder.decode(payload, offset, length, pcm)).isEqualTo(2 * length);
        }
    }

    @Test
    void afterGarbageTheDecoderFindsTheToneAgain() {
        G722Decoder decoder = new G722Decoder();
        byte[] garbage = new byte[160];
        new Random(1).nextBytes(garbage);
        short[] pcm = new short[320];
        for (int i = 0; i < 50; i++) {
            decoder.decode(garbage, 0, garbage.length, pcm);
        }
        short[] input = tone(1000, RATE, 10000, ONE_SECOND);
        short[] output = roundTrip(new G722Encoder(), decoder, input);
        int from = RATE / 5;
        int length = ONE_SECOND - from - G722Decoder.CODEC_DELAY;
        double level = amplitude(shift(output, G722Decoder.CODEC_DELAY), from, length, 1000, RATE) / 10000;
        assertThat(db(level)).isBetween(-1.5, 1.5);
        assertThat(snrDb(input, output, G722Decoder.CODEC_DELAY, from)).isGreaterThan(25);
    }

    @Test
    void aPayloadOfAnyLengthDecodesAndOneTooLongForThePcmIsRefused() {
        G722Decoder decoder = new G722Decoder();
        byte[] payload = new byte[400];
        short[] pcm = new short[640];
        assertThat(decoder.decode(payload, 0, 80, pcm)).as("10 ms").isEqualTo(160);
        assertThat(decoder.decode(payload, 0, 33, pcm)).as("odd length").isEqualTo(66);
        assertThat(decoder.decode(payload, 0, 320, pcm)).as("40 ms").isEqualTo(640);
        assertThat(decoder.decode(payload, 0, 0, pcm)).as("empty").isZero();
        assertThat(decoder.decode(payload, 0, 321, pcm)).as("does not fit").isEqualTo(-1);
    }

    @Test
    void aLostFrameIsTheLastOneFadedThenSilence() {
        G722Encoder encoder = new G722Encoder();
        G722Decoder decoder = new G722Decoder();
        short[] input = tone(440, RATE, 10000, ONE_SECOND / 5);
        roundTrip(encoder, decoder, input);
        short[] pcm = new short[320];
        double previous = 10000 * 10000 / 2.0;
        for (int lost = 1; lost <= 4; lost++) {
            assertThat(decoder.conceal(pcm)).isEqualTo(320);
            double power = CodecSignals.power(pcm, 0, 320);
            assertThat(power).as("concealed frame %d", lost).isGreaterThan(0).isLessThan(previous);
            previous = power;
        }
        assertThat(decoder.conceal(pcm)).isEqualTo(320);
        assertThat(CodecSignals.power(pcm, 0, 320)).as("fifth lost frame").isZero();
    }

    private static short[] mix(short[] a, short[] b) {
        short[] out = new short[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = AudioFrames.clip(a[i] + b[i]);
        }
        return out;
    }

    private static short[] shift(short[] x, int by) {
        short[] out = new short[x.length];
        System.arraycopy(x, by, out, 0, x.length - by);
        return out;
    }
}
