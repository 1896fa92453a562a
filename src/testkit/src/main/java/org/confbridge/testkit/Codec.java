package org.confbridge.testkit;

import java.util.Objects;

/** An RTP audio payload format the phone offers or accepts: payload type, encoding name, clock rate. */
public final class Codec {

    /** G.711 u-law, static payload type 0. */
    public static final Codec PCMU = new Codec(0, "PCMU", 8000);
    /** G.711 A-law, static payload type 8. */
    public static final Codec PCMA = new Codec(8, "PCMA", 8000);

    private final int payloadType;
    private final String name;
    private final int clockRate;

    private Codec(int payloadType, String name, int clockRate) {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type must be 0..127: " + payloadType);
        }
        this.payloadType = payloadType;
        this.name = Objects.requireNonNull(name, "name");
        this.clockRate = clockRate;
    }

    /**
     * Any other format, e.g. {@code Codec.of(96, "opus", 48000)}: the phone can offer it (to provoke a
     * 488 from a server without it) but can only send and decode G.711.
     */
    public static Codec of(int payloadType, String name, int clockRate) {
        if (payloadType == 0 && !"PCMU".equalsIgnoreCase(name) || payloadType == 8 && !"PCMA".equalsIgnoreCase(name)) {
            throw new IllegalArgumentException("payload type " + payloadType + " is reserved for G.711");
        }
        return new Codec(payloadType, name, clockRate);
    }

    public int payloadType() {
        return payloadType;
    }

    public String name() {
        return name;
    }

    public int clockRate() {
        return clockRate;
    }

    /** True for the formats the phone can send and decode (PCMU, PCMA). */
    public boolean isG711() {
        return payloadType == 0 || payloadType == 8;
    }

    /** The SDP rtpmap value, e.g. "0 PCMU/8000". */
    public String rtpmap() {
        return payloadType + " " + name + "/" + clockRate;
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
