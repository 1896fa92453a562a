package org.confbridge.media.sdp;

import java.util.Locale;
import java.util.Optional;

/** An SDP direction attribute (RFC 3264 section 5.1), always seen from the side that wrote it. */
public enum MediaDirection {
    SENDRECV(true, true),
    SENDONLY(true, false),
    RECVONLY(false, true),
    INACTIVE(false, false);

    private final boolean sends;
    private final boolean receives;

    MediaDirection(boolean sends, boolean receives) {
        this.sends = sends;
        this.receives = receives;
    }

    /** True if the side this direction belongs to sends media. */
    public boolean sends() {
        return sends;
    }

    /** True if the side this direction belongs to receives media. */
    public boolean receives() {
        return receives;
    }

    /** The same stream seen from the other side: sendonly becomes recvonly and vice versa. */
    public MediaDirection reversed() {
        return of(receives, sends);
    }

    /** This direction with sending turned off (what hold by {@code c=0.0.0.0} means). */
    public MediaDirection withoutSending() {
        return of(false, receives);
    }

    /** The SDP attribute name, e.g. {@code sendrecv}. */
    public String attributeName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The direction for an attribute name, if the name is a direction attribute. */
    public static Optional<MediaDirection> fromAttributeName(String name) {
        for (MediaDirection direction : values()) {
            if (direction.attributeName().equalsIgnoreCase(name)) {
                return Optional.of(direction);
            }
        }
        return Optional.empty();
    }

    /** The direction that sends and receives as given. */
    public static MediaDirection of(boolean sends, boolean receives) {
        if (sends) {
            return receives ? SENDRECV : SENDONLY;
        }
        return receives ? RECVONLY : INACTIVE;
    }
}
