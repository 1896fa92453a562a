package org.confbridge.media.codec;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusBandwidth;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import io.github.jaredmdobson.concentus.OpusSignal;

/**
 * Opus encoder (RFC 6716) through Concentus, the pure-Java port of libopus: 20 ms frames of 16 kHz mono PCM
 * (320 samples), the VOIP application (speech-tuned, SILK wideband), variable bit rate around the configured target,
 * no in-band FEC, no DTX (a packet every 20 ms). The payload is at most {@link #MAX_PAYLOAD} bytes.
 *
 * <p>Belongs to one outgoing stream (the encoder has memory). Not thread-safe. Concentus allocates some working
 * arrays per call, unlike the G.711/G.722 code.
 */
public final class OpusFrameEncoder implements FrameEncoder {
    /** PCM sample rate taken. */
    public static final int PCM_RATE = 16000;
    /** Samples per 20 ms frame. */
    public static final int FRAME_SAMPLES = PCM_RATE / 50;
    /** Default complexity 0..10: 5 is about half the CPU of 10 for little loss on speech. */
    public static final int DEFAULT_COMPLEXITY = 5;
    /** Default target bit rate, bit/s: comfortable wideband speech. */
    public static final int DEFAULT_BITRATE = 24_000;
    /** Largest payload this encoder writes for a 20 ms frame (an output buffer this big always suffices). */
    public static final int MAX_PAYLOAD = 1275;

    private final OpusEncoder encoder;

    /** Complexity {@value #DEFAULT_COMPLEXITY}, {@value #DEFAULT_BITRATE} bit/s. */
    public OpusFrameEncoder() {
        this(DEFAULT_COMPLEXITY, DEFAULT_BITRATE);
    }

    /**
     * @param complexity 0 (cheapest) .. 10 (best)
     * @param bitrate target bit rate in bit/s, 6000 .. 510000
     */
    public OpusFrameEncoder(int complexity, int bitrate) {
        if (complexity < 0 || complexity > 10) {
            throw new IllegalArgumentException("Opus complexity is 0..10, not " + complexity);
        }
        if (bitrate < 6000 || bitrate > 510_000) {
            throw new IllegalArgumentException("Opus bit rate is 6000..510000 bit/s, not " + bitrate);
        }
        try {
            encoder = new OpusEncoder(PCM_RATE, 1, OpusApplication.OPUS_APPLICATION_VOIP);
        } catch (OpusException e) {
            throw new IllegalStateException("Concentus refused a 16 kHz mono encoder", e);
        }
        encoder.setComplexity(complexity);
        encoder.setBitrate(bitrate);
        encoder.setUseInbandFEC(false);
        encoder.setUseDTX(false);
        encoder.setSignalType(OpusSignal.OPUS_SIGNAL_VOICE);
        encoder.setMaxBandwidth(OpusBandwidth.OPUS_BANDWIDTH_WIDEBAND);
    }

    @Override
    public int pcmRate() {
        return PCM_RATE;
    }

    /**
     * Encodes 320 samples into {@code out[0..]}, at most {@code min(out.length, MAX_PAYLOAD)} bytes; returns the
     * payload length. An output buffer too small for the frame is a programming error (IllegalArgumentException).
     */
    @Override
    public int encode(short[] pcm, byte[] out) {
        try {
            return encoder.encode(pcm, 0, FRAME_SAMPLES, out, 0, Math.min(out.length, MAX_PAYLOAD));
        } catch (OpusException e) {
            throw new IllegalArgumentException("Opus could not encode a frame into " + out.length + " bytes", e);
        }
    }
}
