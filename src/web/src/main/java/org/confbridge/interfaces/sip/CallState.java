package org.confbridge.interfaces.sip;

import org.confbridge.app.ConferenceExtension;
import org.confbridge.media.MediaLeg;
import org.confbridge.media.sdp.SdpNegotiator;

/**
 * What the servlet remembers about one call (kept as an attribute of its SIP session). Access is
 * serialised by the container's concurrency control (one SIP application session at a time).
 */
final class CallState {

    static final String ATTRIBUTE = CallState.class.getName();

    final ConferenceExtension conference;
    final SdpNegotiator negotiator;
    /** The call's RTP leg in the media engine; its port is the one in our SDP. */
    final MediaLeg rtp;
    final String legId;
    /** Our answer when the INVITE had no offer: the caller's answer comes in the ACK. */
    final boolean lateOffer;
    boolean joined;
    volatile boolean ended;
    /** Late offer only: the ACK carrying the caller's answer has been checked. */
    boolean lateAnswerChecked;

    CallState(ConferenceExtension conference, SdpNegotiator negotiator, MediaLeg rtp, String legId,
              boolean lateOffer) {
        this.conference = conference;
        this.negotiator = negotiator;
        this.rtp = rtp;
        this.legId = legId;
        this.lateOffer = lateOffer;
    }

    /** Marks the call ended and frees its port; true the first time only. */
    synchronized boolean end() {
        if (ended) {
            return false;
        }
        ended = true;
        rtp.close();
        return true;
    }
}
