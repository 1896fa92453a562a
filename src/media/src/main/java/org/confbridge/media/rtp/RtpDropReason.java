package org.confbridge.media.rtp;

/** Why an incoming datagram was not used. Each reason is counted per leg. */
public enum RtpDropReason {
    /** Shorter than the 12-byte RTP header. */
    SHORT,
    /** RTP version field is not 2. */
    BAD_VERSION,
    /** CSRC list, header extension or padding run past the end of the datagram. */
    MALFORMED,
    /** Payload larger than any G.711 packet we accept. */
    HUGE,
    /** Payload type neither the negotiated codec nor telephone-event. */
    UNKNOWN_PAYLOAD_TYPE,
    /**
     * From a stranger: neither the SDP address nor the source latched onto (RFC 4961 symmetric RTP,
     * only from the signalling address; see {@link RtpSession}).
     */
    STRANGER,
    /** The mixer did not keep up and the leg's inbound queue was full. */
    QUEUE_FULL,
    /** Media arrived while the leg does not receive (inactive / sendonly on our side). */
    NOT_RECEIVING,
    /** SRTP: the authentication tag is wrong (a wrong key, tampering, or a stranger without the key). */
    SRTP_AUTHENTICATION,
    /** SRTP: a packet seen before, or older than the replay window. */
    SRTP_REPLAY,
    /** SRTP: too short to carry a tag, or not SRTP at all. */
    SRTP_INVALID
}
