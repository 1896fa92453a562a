package org.confbridge.media.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confbridge.media.codec.CodecSignals.amplitude;
import static org.confbridge.media.codec.CodecSignals.db;
import static org.confbridge.media.codec.CodecSignals.power;
import static org.confbridge.media.codec.CodecSignals.residualPower;
import static org.confbridge.media.codec.CodecSignals.tone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResamplerTest {
    private static final int FRAMES = 50;
    /** Skipped at the start of each measurement: the filters' history filling up. */
    private static final int SETTLING_8K = 160;

    @ParameterizedTest
    @ValueSource(ints = {300, 1000, 2000, 3000, 3400})
    void theTelephoneBandPasses8To16To8WithinHalfADecibel(int frequency) {
        short[] input = tone(frequency, 8000, 10000, 160 * FRAMES);
        short[] wide = up(input);
        short[] back = down(wide);
        int length = back.length - SETTLING_8K;
        double change = db(amplitude(back, SETTLING_8K, length, frequency, 8000) / amplitude(input, SETTLING_8K, length, frequency, 8000));
        assertThat(change).as("level change at %d Hz, dB", frequency).isBetween(-0.5, 0.5);
        double wideChange = db(amplitude(wide, 2 * SETTLING_8K, 2 * length, frequency, 16000) / 10000);
        assertThat(wideChange).as("level at 16 kHz, dB").isBetween(-0.5, 0.5);
    }

    @Test
    void aRoundTripIsTheInputDelayedBy23SamplesAt8kHz() {
        short[] input = CodecSignals.noise(5, 8000, 160 * FRAMES);
        // white noise at 8 kHz has energy up to 4 kHz, where the half-band filter is 6 dB down: keep below 3.4 kHz
        short[] lowPassed = down(up(input));
        short[] back = down(up(lowPassed));
        assertThat(CodecSignals.delay(lowPassed, back, 60)).isEqualTo(HalfBandFilter.DELAY);
    }

    @Test
    void a6kHzToneDoesNotFoldBackTo2kHzWhenGoingDownTo8kHz() {
        short[] input = tone(6000, 16000, 16000, 320 * FRAMES);
        short[] narrow = down(input);
        int length = narrow.length - SETTLING_8K;
        double carrier = power(input, 2 * SETTLING_8K, 2 * length);
        double alias = Math.pow(amplitude(narrow, SETTLING_8K, length, 2000, 8000), 2) / 2;
        double everything = power(narrow, SETTLING_8K, length);
        assertThat(10 * Math.log10(alias / carrier)).as("2 kHz alias, dBc").isLessThan(-50);
        assertThat(10 * Math.log10(everything / carrier)).as("all that is left, dBc").isLessThan(-50);
    }

    @ParameterizedTest
    @ValueSource(ints = {4600, 5000, 7000, 7900})
    void theWholeStopBandIsRejectedGoingDown(int frequency) {
        short[] input = tone(frequency, 16000, 16000, 320 * FRAMES);
        short[] narrow = down(input);
        int length = narrow.length - SETTLING_8K;
        double left = power(narrow, SETTLING_8K, length) / power(input, 2 * SETTLING_8K, 2 * length);
        assertThat(10 * Math.log10(left)).as("%d Hz after going down, dBc", frequency).isLessThan(-50);
    }

    @Test
    void upsampling1kHzLeavesNoImageAt7kHz() {
        short[] input = tone(1000, 8000, 16000, 160 * FRAMES);
        short[] wide = up(input);
        int from = 2 * SETTLING_8K;
        int length = wide.length - from;
        double carrier = Math.pow(amplitude(wide, from, length, 1000, 16000), 2) / 2;
        double image = Math.pow(amplitude(wide, from, length, 7000, 16000), 2) / 2;
        double others = residualPower(wide, from, length, 1000, 16000);
        assertThat(10 * Math.log10(image / carrier)).as("7 kHz image, dBc").isLessThan(-50);
        assertThat(10 * Math.log10(others / carrier)).as("everything but 1 kHz, dBc").isLessThan(-50);
    }

    @Test
    void frameByFrameIsTheSameAsOneLongBlock() {
        short[] input = CodecSignals.noise(9, 10000, 160 * FRAMES);
        short[] inOneGo = new short[2 * input.length];
        new Upsampler2x().process(input, 0, input.length, inOneGo, 0);
        assertThat(up(input)).isEqualTo(inOneGo);
        short[] downInOneGo = new short[input.length];
        new Downsampler2x().process(inOneGo, 0, input.length, downInOneGo, 0);
        assertThat(down(inOneGo)).isEqualTo(downInOneGo);
    }

    @Test
    void fullScaleSaturatesInsteadOfWrappingAround() {
        short[] square = new short[160 * 10];
        for (int i = 0; i < square.length; i++) {
            square[i] = (i / 8) % 2 == 0 ? Short.MAX_VALUE : Short.MIN_VALUE;
        }
        short[] wide = up(square);
        for (int i = 1; i < wide.length; i++) {
            // the Gibbs overshoot of a full-scale square wave clips; it must never jump to the other rail
            assertThat(Math.abs(wide[i] - wide[i - 1])).isLessThan(40000);
        }
    }

    /** 8 kHz to 16 kHz in 20 ms frames, as the mixer will call it. */
    static short[] up(short[] input) {
        Upsampler2x upsampler = new Upsampler2x();
        short[] out = new short[2 * input.length];
        short[] in = new short[160];
        short[] frame = new short[320];
        for (int start = 0; start < input.length; start += 160) {
            System.arraycopy(input, start, in, 0, 160);
            upsampler.process(in, frame);
            System.arraycopy(frame, 0, out, 2 * start, 320);
        }
        return out;
    }

    /** 16 kHz to 8 kHz in 20 ms frames. */
    static short[] down(short[] input) {
        Downsampler2x downsampler = new Downsampler2x();
        short[] out = new short[input.length / 2];
        short[] in = new short[320];
        short[] frame = new short[160];
        for (int start = 0; start < input.length; start += 320) {
            System.arraycopy(input, start, in, 0, 320);
            downsampler.process(in, frame);
            System.arraycopy(frame, 0, out, start / 2, 160);
        }
        return out;
    }
}
