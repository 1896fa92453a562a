package org.confbridge.media.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confbridge.media.codec.CodecSignals.amplitude;
import static org.confbridge.media.codec.CodecSignals.db;
import static org.confbridge.media.codec.CodecSignals.roundTrip;
import static org.confbridge.media.codec.CodecSignals.tone;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import io.github.jaredmdobson.concentus.OpusRepacketizer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpusCodecTest {
    private static final int RATE = 16000;
    private static final int ONE_SECOND = RATE;
    /** Left out of the measurements: the encoder's start-up (bit-rate and mode decisions, look-ahead). */
    private static final int SETTLING = RATE / 5;

    @ParameterizedTest
    @ValueSource(ints = {440, 1000, 6000})
    void aToneKeepsItsLevelThroughOpus(int frequency) {
        short[] input = tone(frequency, RATE, 10000, ONE_SECOND);
        short[] output = roundTrip(new OpusFrameEncoder(), new OpusFrameDecoder(), input);
        int length = ONE_SECOND - SETTLING;
        double change = db(amplitude(output, SETTLING, length, frequency, RATE) / amplitude(input, SETTLING, length, frequency, RATE));
        double others = CodecSignals.residualPower(output, SETTLING, length, frequency, RATE) / CodecSignals.power(input, SETTLING, length);
        System.out.printf("Opus %d Hz: level %.2f dB, everything else %.1f dBc%n", frequency, change, 10 * Math.log10(others));
        // SILK lifts pure tones between 5 and 7 kHz by 1 to 2 dB (6 kHz: +1.95 dB with Concentus 1.0.2 at 24 kbit/s)
        assertThat(change).as("level change, dB").isBetween(-2.0, 2.0);
        assertThat(10 * Math.log10(others)).as("everything but the tone, dBc").isLessThan(-20);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 10})
    void everyComplexityEncodesA20MsFrame(int complexity) {
        OpusFrameEncoder encoder = new OpusFrameEncoder(complexity, 32_000);
        byte[] out = new byte[OpusFrameEncoder.MAX_PAYLOAD];
        short[] frame = tone(1000, RATE, 8000, 320);
        int length = encoder.encode(frame, out);
        assertThat(length).isBetween(2, 200);
        assertThat(new OpusFrameDecoder().decode(out, 0, length, new short[320])).isEqualTo(320);
    }

    @Test
    void aStereoPacketDecodesToMono() throws OpusException {
        OpusEncoder stereo = new OpusEncoder(48000, 2, OpusApplication.OPUS_APPLICATION_AUDIO);
        stereo.setBitrate(64000);
        OpusFrameDecoder decoder = new OpusFrameDecoder();
        short[] interleaved = new short[960 * 2];
        byte[] packet = new byte[1500];
        short[] pcm = new short[OpusFrameDecoder.MAX_SAMPLES];
        short[] decoded = new short[320 * 25];
        for (int f = 0; f < 25; f++) {
            for (int i = 0; i < 960; i++) {
                long n = (long) f * 960 + i;
                short sample = (short) Math.round(8000 * Math.sin(2 * Math.PI * 1000 * n / 48000.0));
                interleaved[2 * i] = sample;
                interleaved[2 * i + 1] = sample;
            }
            int length = stereo.encode(interleaved, 0, 960, packet, 0, packet.length);
            assertThat(packet[0] & 0x04).as("stereo flag of the TOC byte").isNotZero();
            assertThat(decoder.decode(packet, 0, length, pcm)).isEqualTo(320);
            System.arraycopy(pcm, 0, decoded, f * 320, 320);
        }
        double level = amplitude(decoded, 320 * 10, 320 * 15, 1000, RATE);
        assertThat(db(level / 8000)).as("level of the tone sent on both channels").isBetween(-3.0, 3.0);
    }

    @Test
    void a60MsPacketGives960Samples() throws OpusException {
        OpusEncoder encoder = new OpusEncoder(RATE, 1, OpusApplication.OPUS_APPLICATION_VOIP);
        byte[] packet = new byte[1500];
        int length = encoder.encode(tone(440, RATE, 8000, 960), 0, 960, packet, 0, packet.length);
        OpusFrameDecoder decoder = new OpusFrameDecoder();
        assertThat(decoder.decode(packet, 0, length, new short[OpusFrameDecoder.MAX_SAMPLES])).isEqualTo(960);
        assertThat(decoder.decode(packet, 0, length, new short[320])).as("too long for the pcm array").isEqualTo(-1);
    }

    @Test
    void a120MsPacketFillsMaxSamples() throws OpusException {
        OpusEncoder encoder = new OpusEncoder(RATE, 1, OpusApplication.OPUS_APPLICATION_VOIP);
        byte[] first = new byte[1500];
        byte[] second = new byte[1500];
        short[] tone = tone(440, RATE, 8000, 1920);
        int a = encoder.encode(tone, 0, 960, first, 0, first.length);
        int b = encoder.encode(tone, 960, 960, second, 0, second.length);
        // two 60 ms packets joined as one code-3 packet (RFC 6716 section 3.2.5), the longest Opus allows
        byte[] joined = joinCode3(first, a, second, b);
        OpusFrameDecoder decoder = new OpusFrameDecoder();
        assertThat(OpusFrameDecoder.MAX_SAMPLES).isEqualTo(1920);
        assertThat(decoder.decode(joined, 0, joined.length, new short[OpusFrameDecoder.MAX_SAMPLES])).isEqualTo(1920);
    }

    @Test
    void malformedPacketsAreRefusedWithANegativeCountAndTheDecoderGoesOn() {
        OpusFrameDecoder decoder = new OpusFrameDecoder();
        short[] pcm = new short[OpusFrameDecoder.MAX_SAMPLES];
        assertThat(decoder.decode(new byte[0], 0, 0, pcm)).as("empty").isNegative();
        // code 3 with a frame count of 0
        assertThat(decoder.decode(new byte[] {(byte) 0x7B, 0x00, 1, 2}, 0, 4, pcm)).as("no frames").isNegative();
        // code 3 with 49 frames of 20 ms: over the 120 ms limit
        assertThat(decoder.decode(new byte[] {(byte) 0x7B, 49, 1, 2, 3}, 0, 5, pcm)).as("over 120 ms").isNegative();
        // code 2 whose first frame's length runs past the end
        assertThat(decoder.decode(new byte[] {(byte) 0x7A, (byte) 200, 1, 2}, 0, 4, pcm)).as("bad length").isNegative();
        // code 1 (two equal frames) with an odd payload
        assertThat(decoder.decode(new byte[] {(byte) 0x79, 1, 2, 3}, 0, 4, pcm)).as("uneven CBR pair").isNegative();
        // still decodes a good packet afterwards
        OpusFrameEncoder encoder = new OpusFrameEncoder();
        byte[] packet = new byte[OpusFrameEncoder.MAX_PAYLOAD];
        int length = encoder.encode(tone(440, RATE, 8000, 320), packet);
        assertThat(decoder.decode(packet, 0, length, pcm)).isEqualTo(320);
    }

    @Test
    void randomBytesNeverThrow() {
        OpusFrameDecoder decoder = new OpusFrameDecoder();
        short[] pcm = new short[OpusFrameDecoder.MAX_SAMPLES];
        Random random = new Random(11);
        int refused = 0;
        for (int round = 0; round < 5000; round++) {
            byte[] payload = new byte[1 + random.nextInt(300)];
            random.nextBytes(payload);
            int samples = decoder.decode(payload, 0, payload.length, pcm);
            if (samples < 0) {
                refused++;
            } else {
                assertThat(samples % 40).as("a whole number of 2.5 ms").isZero();
                assertThat(samples).isLessThanOrEqualTo(OpusFrameDecoder.MAX_SAMPLES);
            }
        }
        assertThat(refused).as("random payloads refused").isPositive();
    }

    @Test
    void concealmentContinuesTheSignalThenFades() {
        OpusFrameEncoder encoder = new OpusFrameEncoder();
        OpusFrameDecoder decoder = new OpusFrameDecoder();
        roundTrip(encoder, decoder, tone(440, RATE, 10000, RATE / 2));
        short[] pcm = new short[320];
        assertThat(decoder.conceal(pcm)).isEqualTo(320);
        double first = CodecSignals.power(pcm, 0, 320);
        assertThat(first).as("first concealed frame").isGreaterThan(10000.0 * 10000 / 2 / 100);
        for (int i = 0; i < 20; i++) {
            decoder.conceal(pcm);
        }
        assertThat(CodecSignals.power(pcm, 0, 320)).as("after 400 ms of loss").isLessThan(first / 100);
    }

    /** Two packets of the same configuration joined into one (a code-3 packet), by Concentus's repacketiser. */
    private static byte[] joinCode3(byte[] a, int aLength, byte[] b, int bLength) {
        OpusRepacketizer repacketizer = new OpusRepacketizer();
        assertThat(repacketizer.addPacket(a, 0, aLength)).isZero();
        assertThat(repacketizer.addPacket(b, 0, bLength)).isZero();
        byte[] out = new byte[3000];
        int length = repacketizer.createPacket(out, 0, out.length);
        assertThat(length).isPositive();
        return Arrays.copyOf(out, length);
    }
}
