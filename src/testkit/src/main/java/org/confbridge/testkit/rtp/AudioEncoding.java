package org.confbridge.testkit.rtp;

import java.util.Arrays;
import org.confbridge.media.codec.FrameDecoder;
import org.confbridge.media.codec.FrameEncoder;
import org.confbridge.media.codec.G722Decoder;
import org.confbridge.media.codec.G722Encoder;
import org.confbridge.media.codec.OpusFrameDecoder;
import org.confbridge.media.codec.OpusFrameEncoder;

/**
 * The audio encodings the test phone can send and decode, with the two rates each one has: the rate of its PCM
 * (what the phone generates and analyses) and the RTP clock (what timestamps and RFC 4733 durations count in).
 * G.711 is the phone's own JDK-derived code; G.722 and Opus come from confbridge-media.
 */
public enum AudioEncoding {
    /** G.711 u-law: 8 kHz audio, 8 kHz clock. */
    PCMU(8000, 8000),
    /** G.711 A-law: 8 kHz audio, 8 kHz clock. */
    PCMA(8000, 8000),
    /** G.722 at 64 kbit/s: 16 kHz audio on an 8 kHz RTP clock (RFC 3551's historical quirk). */
    G722(16000, 8000),
    /** Opus, sent as 20 ms mono frames of 16 kHz audio; its RTP clock is always 48 kHz (RFC 7587). */
    OPUS(16000, 48000);

    private final int pcmRate;
    private final int clockRate;

    AudioEncoding(int pcmRate, int clockRate) {
        this.pcmRate = pcmRate;
        this.clockRate = clockRate;
    }

    /** Sample rate of the audio the phone sends and hears with this encoding. */
    public int pcmRate() {
        return pcmRate;
    }

    /** RTP clock rate: the unit of timestamps and telephone-event durations. */
    public int clockRate() {
        return clockRate;
    }

    /** PCM samples in one 20 ms frame. */
    public int samplesPerFrame() {
        return pcmRate / 50;
    }

    /** RTP timestamp increment per 20 ms frame. */
    public int timestampStep() {
        return clockRate / 50;
    }

    /** The encoding of a static payload type (0 PCMU, 8 PCMA, 9 G.722), or null. */
    public static AudioEncoding forStaticPayloadType(int payloadType) {
        switch (payloadType) {
            case 0:
                return PCMU;
            case 8:
                return PCMA;
            case 9:
                return G722;
            default:
                return null;
        }
    }

    /** The encoding an {@code a=rtpmap} name and clock rate denote (case-insensitive), or null. */
    public static AudioEncoding forName(String name, int clockRate) {
        for (AudioEncoding e : values()) {
            if (e.name().equalsIgnoreCase(name) && e.clockRate == clockRate) {
                return e;
            }
        }
        return null;
    }

    /** A new encoder for one outgoing stream (G.722 and Opus have memory). */
    Encoder newEncoder() {
        switch (this) {
            case PCMU:
            case PCMA:
                G711 g711 = this == PCMU ? G711.ULAW : G711.ALAW;
                return frame -> {
                    byte[] payload = new byte[frame.length];
                    g711.encode(frame, payload, 0);
                    return payload;
                };
            case G722:
                return fromMedia(new G722Encoder());
            default:
                return fromMedia(new OpusFrameEncoder());
        }
    }

    /** A new decoder for one incoming stream. */
    Decoder newDecoder() {
        switch (this) {
            case PCMU:
            case PCMA:
                G711 g711 = this == PCMU ? G711.ULAW : G711.ALAW;
                return payload -> g711.decode(payload, 0, payload.length);
            case G722:
                return fromMedia(new G722Decoder(), 320);
            default:
                return fromMedia(new OpusFrameDecoder(), OpusFrameDecoder.MAX_SAMPLES);
        }
    }

    private static Encoder fromMedia(FrameEncoder encoder) {
        byte[] buffer = new byte[OpusFrameEncoder.MAX_PAYLOAD];
        return frame -> Arrays.copyOf(buffer, encoder.encode(frame, buffer));
    }

    private static Decoder fromMedia(FrameDecoder decoder, int typicalSamples) {
        return payload -> {
            // G.722 gives two samples per byte, Opus at most 120 ms: size for what this payload can hold
            short[] pcm = new short[Math.max(typicalSamples, 2 * payload.length)];
            int samples = decoder.decode(payload, 0, payload.length, pcm);
            return samples < 0 ? null : Arrays.copyOf(pcm, samples);
        };
    }

    /** One outgoing stream's encoder: a 20 ms frame of PCM at {@link #pcmRate()} to an RTP payload. */
    interface Encoder {
        byte[] encode(short[] frame);
    }

    /** One incoming stream's decoder: an RTP payload to PCM at {@link #pcmRate()}, or null if undecodable. */
    interface Decoder {
        short[] decode(byte[] payload);
    }
}
