package org.confbridge.media.codec;

import java.util.Random;

/** Test signals and measurements for the codec tests: tones, noise, tone level, residual, delay. */
final class CodecSignals {
    private CodecSignals() {
    }

    /** {@code samples} of a sine at {@code frequency} Hz sampled at {@code rate}, peak {@code amplitude}. */
    static short[] tone(double frequency, int rate, double amplitude, int samples) {
        short[] out = new short[samples];
        for (int n = 0; n < samples; n++) {
            out[n] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * frequency * n / rate));
        }
        return out;
    }

    /** White noise, peak about {@code amplitude}, from a fixed seed: a broadband signal to measure delays with. */
    static short[] noise(long seed, double amplitude, int samples) {
        Random random = new Random(seed);
        short[] out = new short[samples];
        for (int n = 0; n < samples; n++) {
            out[n] = (short) Math.round(amplitude * (random.nextDouble() * 2 - 1));
        }
        return out;
    }

    /** Peak amplitude of the component at {@code frequency} in {@code x[from..from+length)} (least-squares fit). */
    static double amplitude(short[] x, int from, int length, double frequency, int rate) {
        double[] fit = fit(x, from, length, frequency, rate);
        return Math.hypot(fit[0], fit[1]);
    }

    /** Mean power of what is left in {@code x[from..from+length)} once the component at {@code frequency} is removed. */
    static double residualPower(short[] x, int from, int length, double frequency, int rate) {
        double[] fit = fit(x, from, length, frequency, rate);
        double sum = 0;
        for (int n = from; n < from + length; n++) {
            double w = 2 * Math.PI * frequency * n / rate;
            double rest = x[n] - fit[0] * Math.sin(w) - fit[1] * Math.cos(w);
            sum += rest * rest;
        }
        return sum / length;
    }

    /** Mean power of {@code x[from..from+length)}. */
    static double power(short[] x, int from, int length) {
        double sum = 0;
        for (int n = from; n < from + length; n++) {
            sum += (double) x[n] * x[n];
        }
        return sum / length;
    }

    /** Sine and cosine coefficients at {@code frequency}, by projection (exact enough over many periods). */
    private static double[] fit(short[] x, int from, int length, double frequency, int rate) {
        double s = 0;
        double c = 0;
        for (int n = from; n < from + length; n++) {
            double w = 2 * Math.PI * frequency * n / rate;
            s += x[n] * Math.sin(w);
            c += x[n] * Math.cos(w);
        }
        return new double[] {2 * s / length, 2 * c / length};
    }

    /** The lag 0..maxLag at which {@code output} best matches {@code input} (normalised cross-correlation). */
    static int delay(short[] input, short[] output, int maxLag) {
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        int length = input.length - maxLag;
        for (int lag = 0; lag <= maxLag; lag++) {
            double cross = 0;
            double energy = 0;
            for (int n = 0; n < length; n++) {
                cross += (double) input[n] * output[n + lag];
                energy += (double) output[n + lag] * output[n + lag];
            }
            double score = cross / Math.sqrt(energy + 1);
            if (score > bestScore) {
                bestScore = score;
                best = lag;
            }
        }
        return best;
    }

    /** Signal-to-noise ratio in dB of {@code output} delayed by {@code delay} against {@code input}, from {@code from}. */
    static double snrDb(short[] input, short[] output, int delay, int from) {
        double signal = 0;
        double error = 0;
        for (int n = from; n + delay < output.length; n++) {
            double e = output[n + delay] - input[n];
            signal += (double) input[n] * input[n];
            error += e * e;
        }
        return 10 * Math.log10(signal / error);
    }

    static double db(double ratio) {
        return 20 * Math.log10(ratio);
    }

    /** Runs a whole signal through an encoder and decoder frame by frame. */
    static short[] roundTrip(FrameEncoder encoder, FrameDecoder decoder, short[] input) {
        int frame = encoder.pcmRate() / 50;
        short[] output = new short[input.length];
        short[] in = new short[frame];
        short[] decoded = new short[Math.max(frame, OpusFrameDecoder.MAX_SAMPLES)];
        byte[] payload = new byte[1500];
        for (int start = 0; start + frame <= input.length; start += frame) {
            System.arraycopy(input, start, in, 0, frame);
            int length = encoder.encode(in, payload);
            int samples = decoder.decode(payload, 0, length, decoded);
            if (samples != frame) {
                throw new AssertionError("frame at " + start + " decoded to " + samples + " samples");
            }
            System.arraycopy(decoded, 0, output, start, frame);
        }
        return output;
    }
}
