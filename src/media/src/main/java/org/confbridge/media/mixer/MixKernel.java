package org.confbridge.media.mixer;

import java.util.Arrays;

/**
 * The arithmetic of a mix, on 32-bit accumulators so that the sum never wraps; clipping to 16 bit
 * happens once per listener, after subtracting its own voice (subtracting after clipping would
 * leave residues of the listener's own voice in a loud room). Stateless; thread-safe.
 */
public final class MixKernel {
    private MixKernel() {
    }

    /** Sets every accumulator to zero. */
    public static void clear(int[] sum, int length) {
        Arrays.fill(sum, 0, length, 0);
    }

    /** {@code sum += frame}. */
    public static void accumulate(int[] sum, short[] frame, int length) {
        for (int i = 0; i < length; i++) {
            sum[i] += frame[i];
        }
    }

    /** {@code out = clip(sum)}: what a listener who contributed nothing hears. */
    public static void clipTo(int[] sum, short[] out, int length) {
        for (int i = 0; i < length; i++) {
            out[i] = clip(sum[i]);
        }
    }

    /** {@code out = clip(sum - own)}: everyone but the listener itself. */
    public static void mixMinus(int[] sum, short[] own, short[] out, int length) {
        for (int i = 0; i < length; i++) {
            out[i] = clip(sum[i] - own[i]);
        }
    }

    /** {@code out = clip(out + extra)}: a private prompt laid over what the listener hears. */
    public static void addInto(short[] out, short[] extra, int length) {
        for (int i = 0; i < length; i++) {
            out[i] = clip(out[i] + extra[i]);
        }
    }

    private static short clip(int value) {
        // Branch-free clamp; the JIT turns min/max into cmov on x86.
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, value));
    }
}
