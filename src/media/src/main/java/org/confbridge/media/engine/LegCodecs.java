package org.confbridge.media.engine;

import org.confbridge.media.codec.Downsampler2x;
import org.confbridge.media.codec.FrameDecoder;
import org.confbridge.media.codec.FrameEncoder;
import org.confbridge.media.codec.G711FrameCodec;
import org.confbridge.media.codec.G722Decoder;
import org.confbridge.media.codec.G722Encoder;
import org.confbridge.media.codec.OpusFrameDecoder;
import org.confbridge.media.codec.OpusFrameEncoder;
import org.confbridge.media.codec.Upsampler2x;
import org.confbridge.media.sdp.AudioCodec;

/** Makes the per-stream codec and rate-conversion objects a leg or a room needs. */
final class LegCodecs {
    private LegCodecs() {
    }

    /** Converts one 20 ms frame between 8 and 16 kHz, keeping filter state between frames (one per stream). */
    interface RateConverter {
        void convert(short[] in, short[] out);
    }

    /** A new encoder for one outgoing stream (G.711's is shared: it has no memory). */
    static FrameEncoder encoder(AudioCodec codec) {
        return switch (codec) {
            case PCMU, PCMA -> G711FrameCodec.of(codec);
            case G722 -> new G722Encoder();
            case OPUS -> new OpusFrameEncoder();
        };
    }

    /** A new decoder for one incoming stream. */
    static FrameDecoder decoder(AudioCodec codec) {
        return switch (codec) {
            case PCMU, PCMA -> G711FrameCodec.of(codec);
            case G722 -> new G722Decoder();
            case OPUS -> new OpusFrameDecoder();
        };
    }

    /** True if every frame of {@code codec} encodes the same whatever came before (G.711: a lookup table). */
    static boolean stateless(AudioCodec codec) {
        return !codec.wideband();
    }

    /** 8 to 16 kHz with a half-band low-pass (no images above 4 kHz). */
    static RateConverter upsampler() {
        Upsampler2x up = new Upsampler2x();
        return up::process;
    }

    /** 16 to 8 kHz with a half-band low-pass (nothing above 4 kHz folds back). */
    static RateConverter downsampler() {
        Downsampler2x down = new Downsampler2x();
        return down::process;
    }
}
