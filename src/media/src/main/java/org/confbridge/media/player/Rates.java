package org.confbridge.media.player;

import org.confbridge.media.codec.AudioFrames;
import org.confbridge.media.codec.Downsampler2x;
import org.confbridge.media.codec.Upsampler2x;

/** Whole-clip conversion between 8 and 16 kHz with the mixer's half-band filters, done once when a clip is made. */
final class Rates {
    private static final int NARROW = AudioFrames.FRAME_SAMPLES;

    private Rates() {
    }

    static short[] upsample(short[] narrowband) {
        int frames = (narrowband.length + NARROW - 1) / NARROW;
        short[] in = java.util.Arrays.copyOf(narrowband, frames * NARROW);
        short[] out = new short[in.length * 2];
        Upsampler2x up = new Upsampler2x();
        for (int f = 0; f < frames; f++) {
            up.process(in, f * NARROW, NARROW, out, f * 2 * NARROW);
        }
        return java.util.Arrays.copyOf(out, narrowband.length * 2);
    }

    static short[] downsample(short[] wideband) {
        int outputs = wideband.length / 2;
        int frames = (outputs + NARROW - 1) / NARROW;
        short[] in = java.util.Arrays.copyOf(wideband, frames * 2 * NARROW);
        short[] out = new short[frames * NARROW];
        Downsampler2x down = new Downsampler2x();
        for (int f = 0; f < frames; f++) {
            down.process(in, f * 2 * NARROW, NARROW, out, f * NARROW);
        }
        return java.util.Arrays.copyOf(out, outputs);
    }
}
