package org.confbridge.interfaces.sip.invite;

import org.confbridge.domain.invite.InviteId;
import org.confbridge.domain.invite.InviteNumber;
import org.confbridge.media.MediaLeg;
import org.confbridge.media.sdp.SdpNegotiator;

/**
 * One outbound invite call, kept as an attribute of its SIP session and in the dialer's table while
 * unanswered. Touched by the dialer's thread and the container's threads: every change is synchronized.
 */
final class InviteCallState {

    static final String ATTRIBUTE = InviteCallState.class.getName();

    enum Phase { CALLING, RINGING, ANSWERED, ENDED }

    final InviteId invite;
    final InviteNumber number;
    final MediaLeg rtp;
    final SdpNegotiator negotiator;
    final String legId;

    private Phase phase = Phase.CALLING;
    /** Given up by the conference (cancelled, no answer, conference over): no more reports. */
    private boolean abandoned;
    private boolean cancelSent;
    private boolean ringingReported;
    private boolean answerApplied;

    InviteCallState(InviteId invite, InviteNumber number, MediaLeg rtp, SdpNegotiator negotiator, String legId) {
        this.invite = invite;
        this.number = number;
        this.rtp = rtp;
        this.negotiator = negotiator;
        this.legId = legId;
    }

    synchronized Phase phase() {
        return phase;
    }

    synchronized boolean isAbandoned() {
        return abandoned;
    }

    /** A provisional response: true the first time (report "ringing" once). */
    synchronized boolean ringing() {
        if (phase == Phase.CALLING) {
            phase = Phase.RINGING;
        }
        boolean first = !ringingReported;
        ringingReported = true;
        return first && !abandoned;
    }

    /** True when the callee's SDP answer still has to be applied (the first 183 or 200 with SDP). */
    synchronized boolean takeAnswer() {
        boolean first = !answerApplied;
        answerApplied = true;
        return first;
    }

    /** Marks the call answered; false when it was abandoned or ended meanwhile (then it must be hung up). */
    synchronized boolean answered() {
        if (abandoned || phase == Phase.ENDED) {
            return false;
        }
        phase = Phase.ANSWERED;
        return true;
    }

    /**
     * The conference gave the invite up. Frees the media at once.
     *
     * @return true when a CANCEL should be sent now (the callee's phone is ringing)
     */
    synchronized boolean abandon() {
        abandoned = true;
        rtp.close();
        if (phase == Phase.RINGING && !cancelSent) {
            cancelSent = true;
            return true;
        }
        return false;
    }

    /** A provisional response after {@link #abandon()} with no CANCEL sent yet: true to send it now. */
    synchronized boolean cancelDue() {
        if (abandoned && !cancelSent && phase != Phase.ANSWERED && phase != Phase.ENDED) {
            cancelSent = true;
            return true;
        }
        return false;
    }

    /**
     * The call is over (final failure, BYE either way, dialog gone): frees the port.
     *
     * @return the phase it was in, or null when it had ended already
     */
    synchronized Phase end() {
        if (phase == Phase.ENDED) {
            return null;
        }
        Phase before = phase;
        phase = Phase.ENDED;
        rtp.close();
        return before;
    }
}
