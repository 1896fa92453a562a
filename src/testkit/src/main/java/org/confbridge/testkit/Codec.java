package org.confbridge.testkit;

import java.util.Objects;
import org.confbridge.testkit.rtp.AudioEncoding;

/**
 * An RTP audio payload format the phone offers or accepts: payload type, encoding name, clock rate, and for
 * some a channel count and format parameters (a=fmtp).
 */
public final class Codec {

    /** G.711 u-law, static payload type 0. */
    public static final Codec PCMU = new Codec(0, "PCMU", 8000, 0, null);
    /** G.711 A-law, static payload type 8. */
    public static final Codec PCMA = new Codec(8, "PCMA", 8000, 0, null);
    /**
     * G.722 at 64 kbit/s, static payload type 9: 16 kHz audio, but {@code G722/8000} in SDP and an 8 kHz RTP clock
     * (RFC 3551 4.5.2), so timestamps advance 160 per 20 ms.
     */
    public static final Codec G722 = new Codec(9, "G722", 8000, 0, null);
    /**
     * Opus (RFC 7587) on dynamic payload type 111: {@code opus/48000/2} as the RFC requires whatever is sent, a
     * 48 kHz RTP clock (960 per 20 ms); the phone sends and wants mono 16 kHz audio, 20 ms frames, no in-band FEC.
     */
    public static final Codec OPUS = new Codec(111, "opus", 48000, 2,
            "useinbandfec=0; maxplaybackrate=16000; sprop-maxcapturerate=16000");

    private final int payloadType;
    private final String name;
    private final int clockRate;
    private final int channels;
    private final String fmtp;

    private Codec(int payloadType, String name, int clockRate, int channels, String fmtp) {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type must be 0..127: " + payloadType);
        }
        this.payloadType = payloadType;
        this.name = Objects.requireNonNull(name, "name");
        this.clockRate = clockRate;
        this.channels = channels;
        this.fmtp = fmtp;
    }

    /**
     * Any other format, e.g. {@code Codec.of(96, "opus", 48000)} (Opus on another payload type, which the phone
     * sends and decodes) or {@code Codec.of(18, "G729", 8000)} (a format the phone can offer, to provoke a 488 from
     * a server without it, but cannot use).
     */
    public static Codec of(int payloadType, String name, int clockRate) {
        if (payloadType == 0 && !"PCMU".equalsIgnoreCase(name) || payloadType == 8 && !"PCMA".equalsIgnoreCase(name)) {
            throw new IllegalArgumentException("payload type " + payloadType + " is reserved for G.711");
        }
        if (payloadType == 9 && !"G722".equalsIgnoreCase(name)) {
            throw new IllegalArgumentException("payload type 9 is reserved for G.722");
        }
        return new Codec(payloadType, name, clockRate, 0, null);
    }

    public int payloadType() {
        return payloadType;
    }

    public String name() {
        return name;
    }

    /** The RTP clock rate (8000 for G.722 although its audio is 16 kHz; 48000 for Opus). */
    public int clockRate() {
        return clockRate;
    }

    /** The a=fmtp parameters this format is offered with, or null. */
    public String fmtp() {
        return fmtp;
    }

    /** True for G.711 (PCMU, PCMA). */
    public boolean isG711() {
        return payloadType == 0 || payloadType == 8;
    }

    /** What the phone sends and decodes for this format (G.711, G.722, Opus), or null for a format it only offers. */
    public AudioEncoding encoding() {
        AudioEncoding byType = AudioEncoding.forStaticPayloadType(payloadType);
        return byType != null ? byType : AudioEncoding.forName(name, clockRate);
    }

    /** True when the phone can send and decode this format. */
    public boolean isUsable() {
        return encoding() != null;
    }

    /** The SDP rtpmap value, e.g. "0 PCMU/8000" or "111 opus/48000/2". */
    public String rtpmap() {
        return payloadType + " " + name + "/" + clockRate + (channels > 0 ? "/" + channels : "");
    }

    /**
     * True when an SDP format (its payload type and a=rtpmap value such as "opus/48000/2", null when absent) is
     * this one: the same static payload type, or for a dynamic type the same encoding name and clock rate.
     */
    boolean matches(int sdpPayloadType, String sdpEncoding) {
        if (sdpPayloadType < 96) {
            return sdpPayloadType == payloadType; // a static type means what RFC 3551 says, whatever the rtpmap
        }
        if (sdpEncoding == null) {
            return false;
        }
        String[] parts = sdpEncoding.trim().split("/");
        try {
            return parts.length >= 2 && parts[0].equalsIgnoreCase(name) && Integer.parseInt(parts[1].trim()) == clockRate;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** This format on another (dynamic) payload type: the peer's number for it. */
    Codec withPayloadType(int newPayloadType) {
        return newPayloadType == payloadType ? this : new Codec(newPayloadType, name, clockRate, channels, fmtp);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Codec && ((Codec) o).payloadType == payloadType
                && ((Codec) o).name.equalsIgnoreCase(name) && ((Codec) o).clockRate == clockRate;
    }

    @Override
    public int hashCode() {
        return payloadType;
    }

    @Override
    public String toString() {
        return rtpmap();
    }
}
