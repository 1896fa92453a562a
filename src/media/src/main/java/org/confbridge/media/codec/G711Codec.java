package org.confbridge.media.codec;

import org.confbridge.media.sdp.AudioCodec;

/**
 * A G.711 variant: one byte per 16-bit sample, 8 kHz. Implementations are immutable lookup tables,
 * safe to share between threads.
 */
public interface G711Codec {

    /** The SDP/RTP codec this implements. */
    AudioCodec codec();

    /** Encodes {@code length} samples from {@code pcm[pcmOffset..]} into {@code out[outOffset..]}. */
    void encode(short[] pcm, int pcmOffset, int length, byte[] out, int outOffset);

    /** Decodes {@code length} bytes from {@code in[inOffset..]} into {@code pcm[pcmOffset..]}. */
    void decode(byte[] in, int inOffset, int length, short[] pcm, int pcmOffset);

    /** Encodes one sample. */
    byte encode(short sample);

    /** Decodes one byte. */
    short decode(byte value);

    /** The byte that decodes to (near) zero: what silence looks like on the wire. */
    byte silence();

    /** The shared codec instance for an SDP codec. */
    static G711Codec of(AudioCodec codec) {
        return switch (codec) {
            case PCMU -> MuLawCodec.INSTANCE;
            case PCMA -> ALawCodec.INSTANCE;
            default -> throw new IllegalArgumentException(codec + " is not G.711");
        };
    }
}
