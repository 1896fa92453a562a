package org.confbridge.media.engine;

import org.confbridge.media.codec.AudioFrames;
import org.confbridge.media.dtmf.Goertzel;

/** Test signals and the ear of the tests: Goertzel share of a frequency in received audio. */
final class Signals {
    private Signals() {
    }

    /** Frame {@code index} of a continuous sine at {@code frequency} with the given amplitude. */
    static short[] toneFrame(double frequency, int index, double amplitude) {
        return toneFrame(frequency, index, amplitude, AudioFrames.SAMPLE_RATE);
    }

    /** The same at {@code rate} (8000 or 16000). */
    static short[] toneFrame(double frequency, int index, double amplitude, int rate) {
        short[] frame = new short[AudioFrames.frameSamples(rate)];
        for (int i = 0; i < frame.length; i++) {
            long n = (long) index * frame.length + i;
            frame[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * frequency * n / rate));
        }
        return frame;
    }

    /** Share of the signal's energy at {@code frequency} (1 = pure tone, 0 = absent or silence). */
    static double share(short[] samples, double frequency) {
        return share(samples, frequency, AudioFrames.SAMPLE_RATE);
    }

    /** The same for samples at {@code rate}. */
    static double share(short[] samples, double frequency, int rate) {
        return Goertzel.relativePower(samples, 0, samples.length, frequency, rate);
    }

    static double meanEnergy(short[] samples) {
        return AudioFrames.meanEnergy(samples, samples.length);
    }
}
