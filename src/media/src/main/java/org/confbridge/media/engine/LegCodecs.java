package org.confbridge.media.engine;

import org.confbridge.media.codec.FrameDecoder;
import org.confbridge.media.codec.FrameEncoder;
import org.confbridge.media.codec.G711Codec;
import org.confbridge.media.sdp.AudioCodec;

/** Makes the per-stream codec and rate-conversion objects a leg or a room needs. */
final class LegCodecs {
    private LegCodecs() {
    }

    /** Converts one 20 ms frame between 8 and 16 kHz, keeping filter state between frames (one per stream). */
    interface RateConverter {
        void convert(short[] in, short[] out);
    }

    static FrameEncoder encoder(AudioCodec codec) {
        G711Codec g711 = G711Codec.of(codec);
        return new FrameEncoder() {
            @Override
            public int pcmRate() {
                return 8000;
            }

            @Override
            public int encode(short[] pcm, byte[] out) {
                g711.encode(pcm, 0, 160, out, 0);
                return 160;
            }
        };
    }

    static FrameDecoder decoder(AudioCodec codec) {
        G711Codec g711 = G711Codec.of(codec);
        return new FrameDecoder() {
            @Override
            public int pcmRate() {
                return 8000;
            }

            @Override
            public int decode(byte[] payload, int offset, int length, short[] pcm) {
                int n = Math.min(length, pcm.length);
                g711.decode(payload, offset, n, pcm, 0);
                return n;
            }

            @Override
            public int conceal(short[] pcm) {
                java.util.Arrays.fill(pcm, 0, 160, (short) 0);
                return 160;
            }
        };
    }

    /** True if every frame of {@code codec} encodes the same whatever came before (so one encoding can be shared freely). */
    static boolean stateless(AudioCodec codec) {
        return !codec.wideband();
    }

    static RateConverter upsampler() {
        return (in, out) -> {
            for (int i = 0; i < 160; i++) {
                out[2 * i] = in[i];
                out[2 * i + 1] = in[i];
            }
        };
    }

    static RateConverter downsampler() {
        return (in, out) -> {
            for (int i = 0; i < 160; i++) {
                out[i] = (short) ((in[2 * i] + in[2 * i + 1]) / 2);
            }
        };
    }
}
