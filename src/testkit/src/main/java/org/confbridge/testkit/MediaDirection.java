package org.confbridge.testkit;

/** The SDP direction attribute of a media stream (RFC 3264 section 5.1). */
public enum MediaDirection {
    SENDRECV, SENDONLY, RECVONLY, INACTIVE;

    /** The SDP attribute name, e.g. "sendonly". */
    public String attribute() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The direction an answerer takes for this offer (RFC 3264 6.1): sendonly becomes recvonly. */
    public MediaDirection answerTo() {
        switch (this) {
            case SENDONLY:
                return RECVONLY;
            case RECVONLY:
                return SENDONLY;
            default:
                return this;
        }
    }

    /** Whether the side holding this direction may send media. */
    public boolean sends() {
        return this == SENDRECV || this == SENDONLY;
    }

    static MediaDirection fromAttribute(String name) {
        for (MediaDirection d : values()) {
            if (d.attribute().equalsIgnoreCase(name)) {
                return d;
            }
        }
        return null;
    }
}
