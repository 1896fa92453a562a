package org.confbridge.domain.invite;

/** How an outbound invite call ended without being answered, as the adapter reports it. */
public enum InviteFailure {
    /** 486/600 Busy. */
    BUSY,
    /** No final answer before the no-answer timeout (408/480, or our own CANCEL). */
    NO_ANSWER,
    /** Declined by the callee (603) or refused by the trunk (403 etc.). */
    REJECTED,
    /** The trunk could not be reached (no response, transport error, 503). */
    UNREACHABLE,
    /** The trunk says the number does not exist (404/484/604). */
    INVALID_NUMBER
}
