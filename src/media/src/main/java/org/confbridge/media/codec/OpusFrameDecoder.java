package org.confbridge.media.codec;

import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusException;

/**
 * Opus decoder (RFC 6716) through Concentus: any Opus packet (SILK, CELT or hybrid; mono or stereo, which is mixed
 * down to mono; 2.5 to 120 ms) to 16 kHz mono PCM. A 120 ms packet gives {@link #MAX_SAMPLES} samples: size the
 * PCM array for that to accept every packet. Concealment is Opus's own packet-loss concealment.
 *
 * <p>Belongs to one incoming stream. Not thread-safe.
 */
public final class OpusFrameDecoder implements FrameDecoder {
    /** PCM sample rate produced. */
    public static final int PCM_RATE = 16000;
    /** Samples of the longest Opus packet (120 ms) at 16 kHz. */
    public static final int MAX_SAMPLES = PCM_RATE * 120 / 1000;
    private static final int FRAME_SAMPLES = PCM_RATE / 50;

    private final OpusDecoder decoder;

    public OpusFrameDecoder() {
        try {
            decoder = new OpusDecoder(PCM_RATE, 1);
        } catch (OpusException e) {
            throw new IllegalStateException("Concentus refused a 16 kHz mono decoder", e);
        }
    }

    @Override
    public int pcmRate() {
        return PCM_RATE;
    }

    /**
     * Decodes one packet; returns the samples written, or -1 for an empty or malformed packet or one longer than
     * {@code pcm} holds. No exception escapes: a decoder that failed half-way is reset, so the next packet decodes.
     */
    @Override
    public int decode(byte[] payload, int offset, int length, short[] pcm) {
        if (length <= 0) {
            return -1; // for Opus an empty payload means "lost": the caller conceals instead
        }
        try {
            return decoder.decode(payload, offset, length, pcm, 0, Math.min(pcm.length, MAX_SAMPLES), false);
        } catch (OpusException e) {
            return -1; // refused before touching the state (bad TOC, sizes, too long for pcm)
        } catch (RuntimeException e) {
            // Concentus indexes out of its arrays on some corrupt frames; start afresh rather than trust the state
            decoder.resetState();
            return -1;
        }
    }

    /** 20 ms of Opus's packet-loss concealment (extrapolated from the last packets, fading to silence). */
    @Override
    public int conceal(short[] pcm) {
        try {
            return decoder.decode(null, 0, 0, pcm, 0, FRAME_SAMPLES, false);
        } catch (OpusException | RuntimeException e) {
            decoder.resetState();
            java.util.Arrays.fill(pcm, 0, FRAME_SAMPLES, (short) 0);
            return FRAME_SAMPLES;
        }
    }
}
