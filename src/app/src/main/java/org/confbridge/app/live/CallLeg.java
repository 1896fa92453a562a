package org.confbridge.app.live;

import org.confbridge.domain.conference.HangupReason;
import org.confbridge.media.MediaLeg;

/**
 * One answered call as the live registry drives it; implemented by the SIP adapter.
 * Methods are called while the registry holds its lock: they must only start work (send a
 * request), never wait for the network.
 */
public interface CallLeg {

    /** Unique id of the leg (the SIP Call-ID and tags); also the participant id in the conference. */
    String id();

    /** The caller's number or SIP user, may be null. */
    String callerNumber();

    /** The caller's display name, may be null. */
    String callerDisplayName();

    /** The call's RTP leg in the media engine (allocated with the SDP answer, closed when the call ends). */
    MediaLeg media();

    /** Ends the call from our side (BYE) and releases its media; {@code reason} null: the caller's RTP stopped. */
    void hangUp(HangupReason reason);
}
