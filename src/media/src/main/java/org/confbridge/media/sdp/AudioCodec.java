package org.confbridge.media.sdp;

import java.util.Locale;
import java.util.Optional;

/**
 * The audio codecs the engine speaks. Each has two rates that differ for the wideband ones: the RTP clock that
 * timestamps count in (what SDP's {@code a=rtpmap} names) and the rate of the PCM the codec carries.
 */
public enum AudioCodec {
    /** G.711 mu-law, static payload type 0. */
    PCMU(0, "PCMU", 8000, 8000, null),
    /** G.711 A-law, static payload type 8. */
    PCMA(8, "PCMA", 8000, 8000, null),
    /** G.722 at 64 kbit/s: 16 kHz audio, but an 8000 RTP clock by an error kept for compatibility (RFC 3551 4.5.2). */
    G722(9, "G722", 8000, 16000, null),
    /**
     * Opus (RFC 7587): always written {@code opus/48000/2} with a 48000 RTP clock; we code mono wideband (16 kHz)
     * and tell the sender so, which lets its encoder spend no bits above 8 kHz.
     */
    OPUS(-1, "opus", 48000, 16000, "maxplaybackrate=16000;sprop-maxcapturerate=16000;stereo=0;useinbandfec=0");

    /** RTP clock of the G.711 codecs and of telephone-event next to them, in Hz. */
    public static final int NARROWBAND_CLOCK_RATE = 8000;
    /** The dynamic payload type we give Opus in our own offers. */
    public static final int OFFERED_OPUS_PAYLOAD_TYPE = 111;

    private final int staticPayloadType;
    private final String encodingName;
    private final int rtpClockRate;
    private final int pcmRate;
    private final String fmtp;

    AudioCodec(int staticPayloadType, String encodingName, int rtpClockRate, int pcmRate, String fmtp) {
        this.staticPayloadType = staticPayloadType;
        this.encodingName = encodingName;
        this.rtpClockRate = rtpClockRate;
        this.pcmRate = pcmRate;
        this.fmtp = fmtp;
    }

    /** The RTP payload type assigned by RFC 3551, or -1 for a codec with only dynamic ones (Opus). */
    public int staticPayloadType() {
        return staticPayloadType;
    }

    /** The payload type we use for it when we write the offer. */
    public int offeredPayloadType() {
        return staticPayloadType >= 0 ? staticPayloadType : OFFERED_OPUS_PAYLOAD_TYPE;
    }

    /** The encoding name as written in {@code a=rtpmap}. */
    public String encodingName() {
        return encodingName;
    }

    /** The RTP timestamp clock, in Hz. */
    public int rtpClockRate() {
        return rtpClockRate;
    }

    /** Sample rate of the PCM this codec carries here: 8000 or 16000. */
    public int pcmRate() {
        return pcmRate;
    }

    /** True for the 16 kHz codecs. */
    public boolean wideband() {
        return pcmRate > 8000;
    }

    /** RTP timestamp units in one 20 ms frame. */
    public int rtpTicksPerFrame() {
        return rtpClockRate / 50;
    }

    /** PCM samples in one 20 ms frame. */
    public int samplesPerFrame() {
        return pcmRate / 50;
    }

    /** The {@code a=rtpmap} value after the payload type, e.g. {@code G722/8000} or {@code opus/48000/2}. */
    public String rtpMap() {
        return this == OPUS ? encodingName + "/" + rtpClockRate + "/2" : encodingName + "/" + rtpClockRate;
    }

    /** Format parameters we write ({@code a=fmtp}), or null. */
    public String fmtp() {
        return fmtp;
    }

    /** The codec for a static payload type, if it is one of ours. */
    public static Optional<AudioCodec> byStaticPayloadType(int payloadType) {
        for (AudioCodec codec : values()) {
            if (codec.staticPayloadType >= 0 && codec.staticPayloadType == payloadType) {
                return Optional.of(codec);
            }
        }
        return Optional.empty();
    }

    /** The codec for an {@code a=rtpmap} encoding name and clock rate (name case-insensitive), if it is one of ours. */
    public static Optional<AudioCodec> byEncoding(String name, int clockRate) {
        if (name == null) {
            return Optional.empty();
        }
        for (AudioCodec codec : values()) {
            if (codec.encodingName.equalsIgnoreCase(name.trim()) && codec.rtpClockRate == clockRate) {
                return Optional.of(codec);
            }
        }
        return Optional.empty();
    }

    /** Parses a configured codec name ({@code PCMU}, {@code pcma}, {@code G722}, {@code opus}). */
    public static AudioCodec parse(String name) {
        String wanted = name.trim().toUpperCase(Locale.ROOT).replace(".", "");
        for (AudioCodec codec : values()) {
            if (codec.name().equals(wanted)) {
                return codec;
            }
        }
        throw new IllegalArgumentException("unknown codec '" + name + "' (known: PCMU, PCMA, G722, opus)");
    }
}
