package org.confbridge.media.sdp;

/** The SDP is well formed but offers no audio stream we can take (no G.711, only SRTP, ...): answer 488. */
public final class IncompatibleMediaException extends SdpNegotiationException {
    private static final long serialVersionUID = 1L;

    public IncompatibleMediaException(String message) {
        super(message, null);
    }

    @Override
    public int sipStatusCode() {
        return 488;
    }
}
