package org.confbridge.media.codec;

/**
 * Turns RTP payloads into linear PCM at {@link #pcmRate()}. One per incoming stream (codecs with memory).
 * Not thread-safe.
 */
public interface FrameDecoder {

    /** Sample rate of the PCM this decoder produces. */
    int pcmRate();

    /**
     * Decodes one payload into {@code pcm[0..]}; returns the samples written ({@code pcmRate() / 50} per 20 ms of
     * audio in the payload). A payload the codec cannot decode yields a negative value and leaves the state usable.
     */
    int decode(byte[] payload, int offset, int length, short[] pcm);

    /** Fills one 20 ms frame for a lost packet (the codec's own concealment where it has one); returns the samples written. */
    int conceal(short[] pcm);
}
