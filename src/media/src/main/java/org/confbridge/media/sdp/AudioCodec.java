package org.confbridge.media.sdp;

import java.util.Locale;
import java.util.Optional;

/** The audio codecs the engine speaks: G.711 only, both at 8 kHz with static payload types (RFC 3551). */
public enum AudioCodec {
    /** G.711 mu-law, static payload type 0. */
    PCMU(0),
    /** G.711 A-law, static payload type 8. */
    PCMA(8);

    /** Sample rate of both codecs, in Hz. */
    public static final int CLOCK_RATE = 8000;

    private final int staticPayloadType;

    AudioCodec(int staticPayloadType) {
        this.staticPayloadType = staticPayloadType;
    }

    /** The RTP payload type assigned by RFC 3551. */
    public int staticPayloadType() {
        return staticPayloadType;
    }

    /** The encoding name as written in {@code a=rtpmap}. */
    public String encodingName() {
        return name();
    }

    /** The codec for a static payload type, if it is one of ours. */
    public static Optional<AudioCodec> byStaticPayloadType(int payloadType) {
        for (AudioCodec codec : values()) {
            if (codec.staticPayloadType == payloadType) {
                return Optional.of(codec);
            }
        }
        return Optional.empty();
    }

    /** The codec for an {@code a=rtpmap} encoding name and clock rate (case-insensitive), if it is one of ours. */
    public static Optional<AudioCodec> byEncoding(String name, int clockRate) {
        if (clockRate != CLOCK_RATE || name == null) {
            return Optional.empty();
        }
        String upper = name.toUpperCase(Locale.ROOT);
        for (AudioCodec codec : values()) {
            if (codec.name().equals(upper)) {
                return Optional.of(codec);
            }
        }
        return Optional.empty();
    }
}
