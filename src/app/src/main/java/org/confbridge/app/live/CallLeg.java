package org.confbridge.app.live;

import org.confbridge.domain.conference.HangupReason;
import org.confbridge.media.MediaLeg;

/**
 * One answered call as its live conference drives it; implemented by the SIP adapter (dial-in and
 * invited calls alike). Called on the conference's loop: methods must only start work (queue a
 * request), never wait for the network.
 */
public interface CallLeg {

    /** The caller's number or SIP user, may be null. */
    String callerNumber();

    /** The caller's display name, may be null. */
    String callerDisplayName();

    /** The address the call's signalling came from (for per-source limits), may be null. */
    default String sourceAddress() {
        return null;
    }

    /** The call's RTP leg in the media engine (allocated with the SDP answer, closed when the call ends). */
    MediaLeg media();

    /** Ends the call from our side (BYE) and releases its media; {@code reason} null: the caller's RTP stopped. */
    void hangUp(HangupReason reason);
}
