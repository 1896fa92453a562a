package org.confbridge.domain.conference;

/** Progress of an outbound invite call. */
public enum InviteState {
    /** The INVITE was (to be) sent. */
    CALLING,
    /** The callee's phone rings (180/183). */
    RINGING
}
