package org.confbridge.media.sdp;

/**
 * An offer or answer that cannot be used. The subclass says which SIP response fits:
 * {@link MalformedSdpException} (400 Bad Request) or {@link IncompatibleMediaException}
 * (488 Not Acceptable Here).
 */
public abstract class SdpNegotiationException extends Exception {
    private static final long serialVersionUID = 1L;

    protected SdpNegotiationException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The SIP status code to reject an INVITE carrying this SDP with. */
    public abstract int sipStatusCode();
}
