package org.confbridge.media.dtmf;

/**
 * Goertzel filter: the power of one frequency in a block of samples, without a full FFT.
 * Stateless; thread-safe.
 */
public final class Goertzel {
    private Goertzel() {
    }

    /** Squared magnitude of {@code frequency} (Hz) in {@code samples[offset..offset+length)}. */
    public static double power(short[] samples, int offset, int length, double frequency, int sampleRate) {
        double coefficient = 2 * Math.cos(2 * Math.PI * frequency / sampleRate);
        double previous = 0;
        double beforePrevious = 0;
        for (int i = 0; i < length; i++) {
            double current = samples[offset + i] + coefficient * previous - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }
        return previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
    }

    /**
     * Share of the block's energy at {@code frequency}: about 1 for a pure sine at that frequency,
     * about 0 when the frequency is absent, 0 for a silent block.
     */
    public static double relativePower(short[] samples, int offset, int length, double frequency, int sampleRate) {
        double energy = 0;
        for (int i = 0; i < length; i++) {
            double sample = samples[offset + i];
            energy += sample * sample;
        }
        if (energy == 0) {
            return 0;
        }
        // A sine of amplitude A gives power (A*N/2)^2 and energy N*A^2/2: their ratio is N/2.
        return power(samples, offset, length, frequency, sampleRate) / (energy * length / 2);
    }
}
