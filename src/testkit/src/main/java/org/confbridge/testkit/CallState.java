package org.confbridge.testkit;

/** Where a call is; a call only moves forward through these (RINGING and EARLY_MEDIA may be skipped). */
public enum CallState {
    /** INVITE sent (outgoing) or received (incoming), no provisional response yet. */
    CALLING,
    /** A 180 (or a 183 without SDP) was received or sent. */
    RINGING,
    /** A provisional response with SDP (183 Session Progress) was received or sent: early media flows. */
    EARLY_MEDIA,
    /** 2xx received and ACKed (outgoing) or sent (incoming): media flows both ways. */
    ANSWERED,
    /** An answered call was ended by BYE, from either side. Terminal. */
    ENDED,
    /** Never answered: a final non-2xx response, CANCEL, or a transaction timeout. Terminal. */
    FAILED;

    public boolean isTerminal() {
        return this == ENDED || this == FAILED;
    }
}
