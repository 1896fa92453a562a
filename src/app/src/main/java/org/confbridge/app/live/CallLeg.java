package org.confbridge.app.live;

import org.confbridge.domain.conference.HangupReason;

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

    /** Ends the call from our side (BYE). */
    void hangUp(HangupReason reason);
}
