package org.confbridge.interfaces.sip.invite;

import org.confbridge.app.invite.InviteProgress;
import org.confbridge.domain.invite.InviteId;
import org.confbridge.domain.invite.InviteNumber;
import org.confbridge.interfaces.sip.SipCall;

/**
 * The progress of one outbound invite call until it is answered or given up, kept as an attribute of
 * its SIP session beside its {@link SipCall} (which owns the media and, once answered, the dialog).
 * Touched by the dialer's thread and the container's threads: every change is synchronized.
 */
final class InviteCallState {

    static final String ATTRIBUTE = InviteCallState.class.getName();

    enum Phase { CALLING, RINGING, ANSWERED, ENDED }

    final InviteId invite;
    final InviteNumber number;
    final SipCall call;
    final InviteProgress progress;
    /** When the INVITE went out (the state is made just before it is sent): the start of the setup time. */
    final long sentNanos = System.nanoTime();

    private Phase phase = Phase.CALLING;
    /** Given up by the conference (cancelled, no answer, conference over): no more reports. */
    private boolean abandoned;
    private boolean cancelSent;
    private boolean ringingReported;
    private boolean answerApplied;

    InviteCallState(InviteId invite, InviteNumber number, SipCall call, InviteProgress progress) {
        this.invite = invite;
        this.number = number;
        this.call = call;
        this.progress = progress;
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
        call.media().close();
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
     * The call is over before or after the answer (final failure, BYE either way, dialog gone): ends the
     * {@link SipCall} (port freed; an answered participant leaves its conference).
     *
     * @return the phase it was in, or null when it had ended already
     */
    Phase end() {
        Phase before;
        synchronized (this) {
            if (phase == Phase.ENDED) {
                return null;
            }
            before = phase;
            phase = Phase.ENDED;
        }
        call.end();
        return before;
    }
}
