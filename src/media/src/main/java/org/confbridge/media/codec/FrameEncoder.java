package org.confbridge.media.codec;

/**
 * Turns 20 ms frames of linear PCM at {@link #pcmRate()} into RTP payloads. Codecs with memory (G.722's
 * ADPCM predictors, Opus) make an encoder belong to one outgoing stream: never share one between streams.
 * Not thread-safe.
 */
public interface FrameEncoder {

    /** Sample rate of the PCM this encoder takes (8000 for G.711, 16000 for G.722 and Opus here). */
    int pcmRate();

    /** Encodes one 20 ms frame ({@code pcmRate() / 50} samples from {@code pcm[0]}) into {@code out[0..]}; returns the payload length. */
    int encode(short[] pcm, byte[] out);
}
