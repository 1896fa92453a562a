package org.confbridge.media.player;

import org.confbridge.media.codec.AudioFrames;

/** Whole-clip conversion between 8 and 16 kHz, done once when a clip is made. */
final class Rates {
    private Rates() {
    }

    static short[] upsample(short[] narrowband) {
        short[] out = new short[narrowband.length * 2];
        for (int i = 0; i < narrowband.length; i++) {
            out[2 * i] = narrowband[i];
            out[2 * i + 1] = narrowband[i];
        }
        return out;
    }

    static short[] downsample(short[] wideband) {
        short[] out = new short[wideband.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) ((wideband[2 * i] + wideband[2 * i + 1]) / 2);
        }
        return out;
    }

    static int frame(int rate) {
        return AudioFrames.frameSamples(rate);
    }
}
