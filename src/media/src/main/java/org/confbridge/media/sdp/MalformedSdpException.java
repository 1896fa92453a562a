package org.confbridge.media.sdp;

/** The SDP body cannot be parsed or lacks a mandatory part (connection, audio line): answer 400. */
public final class MalformedSdpException extends SdpNegotiationException {
    private static final long serialVersionUID = 1L;

    public MalformedSdpException(String message) {
        super(message, null);
    }

    public MalformedSdpException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int sipStatusCode() {
        return 400;
    }
}
