package org.confbridge.media.codec;

import org.confbridge.media.sdp.AudioCodec;

/**
 * G.711 behind the per-stream codec interfaces: 160 samples of 8 kHz PCM per 20 ms frame, one byte each, through
 * the shared {@link G711Codec} tables. G.711 has no memory, so one instance serves any number of streams in both
 * directions; concealment is silence. Immutable and thread-safe.
 */
public final class G711FrameCodec implements FrameEncoder, FrameDecoder {
    private static final G711FrameCodec PCMU = new G711FrameCodec(MuLawCodec.INSTANCE);
    private static final G711FrameCodec PCMA = new G711FrameCodec(ALawCodec.INSTANCE);

    private final G711Codec codec;

    private G711FrameCodec(G711Codec codec) {
        this.codec = codec;
    }

    /** The shared adapter for PCMU or PCMA; any other codec is refused (IllegalArgumentException). */
    public static G711FrameCodec of(AudioCodec codec) {
        switch (codec) {
            case PCMU:
                return PCMU;
            case PCMA:
                return PCMA;
            default:
                throw new IllegalArgumentException("not a G.711 codec: " + codec);
        }
    }

    /** The G.711 variant underneath. */
    public G711Codec codec() {
        return codec;
    }

    @Override
    public int pcmRate() {
        return AudioFrames.SAMPLE_RATE;
    }

    /** Encodes 160 samples into 160 bytes; returns 160. */
    @Override
    public int encode(short[] pcm, byte[] out) {
        codec.encode(pcm, 0, AudioFrames.FRAME_SAMPLES, out, 0);
        return AudioFrames.FRAME_SAMPLES;
    }

    /** Decodes a payload of any length (one sample per byte); -1 if it does not fit in {@code pcm}. */
    @Override
    public int decode(byte[] payload, int offset, int length, short[] pcm) {
        if (length < 0 || length > pcm.length) {
            return -1;
        }
        codec.decode(payload, offset, length, pcm, 0);
        return length;
    }

    /** Silence: G.711 has nothing better to offer. */
    @Override
    public int conceal(short[] pcm) {
        java.util.Arrays.fill(pcm, 0, AudioFrames.FRAME_SAMPLES, (short) 0);
        return AudioFrames.FRAME_SAMPLES;
    }
}
