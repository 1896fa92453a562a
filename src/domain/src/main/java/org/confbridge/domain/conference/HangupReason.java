package org.confbridge.domain.conference;

/** Why the conference ends a call (the adapter may map it to a SIP reason / log it). */
public enum HangupReason {
    PIN_FAILED,
    PIN_TIMEOUT,
    CONFERENCE_LOCKED,
    CONFERENCE_FULL,
    /** The callee of an invite answered after the invite had been cancelled or timed out. */
    INVITE_CANCELLED,
    /** Removed by an administrator (REST). */
    REMOVED,
    /** An invited participant, when the last dial-in participant has left. */
    CONFERENCE_ENDED,
    /** Everybody, when the server stops: a BYE now rather than dead air until the phone gives up. */
    SERVER_STOPPING
}
