package org.confbridge.app.audio;

/**
 * Band-limited sample-rate conversion by windowed-sinc interpolation (Blackman window).
 * For each output instant the input is convolved with a low-pass kernel whose cut-off is just
 * below the lower of the two Nyquist frequencies, so downsampling does not alias (what dropping
 * samples would do) and upsampling does not image.
 */
public final class Resampler {

    /** Zero crossings of the sinc on each side: longer = steeper filter, more work. */
    private static final int ZERO_CROSSINGS = 16;
    /** Cut-off as a fraction of the lower Nyquist frequency, leaving room for the transition band. */
    private static final double CUTOFF = 0.92;
    private static final int TABLE_STEPS = 512;

    public float[] resample(float[] in, int fromRate, int toRate) {
        if (fromRate == toRate) {
            return in.clone();
        }
        double ratio = (double) toRate / fromRate;
        double cutoff = CUTOFF * Math.min(1.0, ratio);  // cycles per input sample, relative to input Nyquist
        double halfWidth = ZERO_CROSSINGS / cutoff;     // kernel half-length in input samples
        int outLength = (int) Math.floor(in.length * ratio);
        float[] out = new float[outLength];
        double[] kernel = kernelTable(cutoff, halfWidth);
        for (int n = 0; n < outLength; n++) {
            double t = n / ratio;                        // position of this output sample in the input
            int first = (int) Math.ceil(t - halfWidth);
            int last = (int) Math.floor(t + halfWidth);
            double acc = 0;
            for (int k = Math.max(first, 0); k <= Math.min(last, in.length - 1); k++) {
                acc += in[k] * lookup(kernel, Math.abs(t - k));
            }
            out[n] = (float) acc;
        }
        return out;
    }

    /** The kernel sampled {@value #TABLE_STEPS} times per input sample, interpolated linearly on use. */
    private static double[] kernelTable(double cutoff, double halfWidth) {
        double[] table = new double[(int) Math.ceil(halfWidth * TABLE_STEPS) + 2];
        for (int i = 0; i < table.length; i++) {
            double x = (double) i / TABLE_STEPS;
            table[i] = cutoff * sinc(cutoff * x) * blackman(x / halfWidth);
        }
        return table;
    }

    private static double lookup(double[] table, double x) {
        double pos = x * TABLE_STEPS;
        int i = (int) pos;
        if (i + 1 >= table.length) {
            return 0;
        }
        double frac = pos - i;
        return table[i] + (table[i + 1] - table[i]) * frac;
    }

    private static double sinc(double x) {
        if (Math.abs(x) < 1e-9) {
            return 1.0;
        }
        double px = Math.PI * x;
        return Math.sin(px) / px;
    }

    /** Blackman window over [-1, 1]. */
    private static double blackman(double u) {
        if (u <= -1 || u >= 1) {
            return 0;
        }
        double a = Math.PI * (u + 1);
        return 0.42 - 0.5 * Math.cos(a) + 0.08 * Math.cos(2 * a);
    }
}
