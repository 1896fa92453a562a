package org.confbridge.testkit.audio;

/**
 * Level measurements on raw PCM samples. Stateless; every method works on any slice of PCM.
 *
 * <p>{@link #toneAmplitude} runs a Hann-windowed Goertzel filter at exactly the requested frequency
 * (not rounded to a bin) and scales it back to the sine's peak amplitude, so a pure tone of amplitude A
 * reads as A whatever the window length. With N samples the filter passes roughly +-2*rate/N Hz around
 * the frequency (200 ms at 8 kHz: +-80 Hz), so tones used together in a test should be further apart.
 */
public final class ToneAnalysis {

    /** Returned instead of minus infinity for digital silence. */
    public static final double SILENCE_DBFS = -150.0;

    private static final double FULL_SCALE = 32768.0;

    private ToneAnalysis() {
    }

    /** Estimated peak amplitude (in sample units) of the sine at {@code freqHz} in {@code pcm[from, to)}. */
    public static double toneAmplitude(short[] pcm, int from, int to, int sampleRate, double freqHz) {
        requireRange(pcm, from, to);
        if (freqHz <= 0 || freqHz >= sampleRate / 2.0) {
            throw new IllegalArgumentException("frequency " + freqHz + " Hz outside (0, " + sampleRate / 2 + ") Hz");
        }
        int n = to - from;
        if (n < 2) {
            return 0;
        }
        double omega = 2 * Math.PI * freqHz / sampleRate;
        double coeff = 2 * Math.cos(omega);
        double s1 = 0;
        double s2 = 0;
        double windowSum = 0;
        for (int i = 0; i < n; i++) {
            double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (n - 1));
            windowSum += w;
            double s0 = pcm[from + i] * w + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        double real = s1 - s2 * Math.cos(omega);
        double imag = s2 * Math.sin(omega);
        return 2 * Math.hypot(real, imag) / windowSum;
    }

    /** Tone level in dBFS (a full-scale sine is 0 dBFS). */
    public static double toneLevelDbfs(short[] pcm, int from, int to, int sampleRate, double freqHz) {
        return toDbfs(toneAmplitude(pcm, from, to, sampleRate, freqHz));
    }

    /** Root mean square of the samples, in sample units. */
    public static double rms(short[] pcm, int from, int to) {
        requireRange(pcm, from, to);
        if (to == from) {
            return 0;
        }
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) pcm[i] * pcm[i];
        }
        return Math.sqrt(sum / (to - from));
    }

    /** RMS level in dBFS (a full-scale sine is about -3 dBFS). */
    public static double rmsDbfs(short[] pcm, int from, int to) {
        return toDbfs(rms(pcm, from, to));
    }

    /**
     * Share of the signal's power carried by the tone at {@code freqHz}: about 1 for a pure tone, near 0
     * when the tone is absent, 0.5 for two equal tones. 0 for silence.
     */
    public static double toneRatio(short[] pcm, int from, int to, int sampleRate, double freqHz) {
        double rms = rms(pcm, from, to);
        if (rms == 0) {
            return 0;
        }
        double amplitude = toneAmplitude(pcm, from, to, sampleRate, freqHz);
        return Math.min(1.0, (amplitude * amplitude / 2) / (rms * rms));
    }

    /** Converts a sample amplitude to dBFS, {@link #SILENCE_DBFS} for zero. */
    public static double toDbfs(double amplitude) {
        if (amplitude <= 0) {
            return SILENCE_DBFS;
        }
        return Math.max(SILENCE_DBFS, 20 * Math.log10(amplitude / FULL_SCALE));
    }

    /** Converts dBFS to a sample amplitude. */
    public static double fromDbfs(double dbfs) {
        return FULL_SCALE * Math.pow(10, dbfs / 20);
    }

    private static void requireRange(short[] pcm, int from, int to) {
        if (from < 0 || to > pcm.length || from > to) {
            throw new IllegalArgumentException("range [" + from + ", " + to + ") outside 0.." + pcm.length);
        }
    }
}
