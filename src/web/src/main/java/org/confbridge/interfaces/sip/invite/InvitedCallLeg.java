package org.confbridge.interfaces.sip.invite;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.servlet.sip.SipSession;
import org.confbridge.app.live.CallLeg;
import org.confbridge.domain.conference.HangupReason;
import org.confbridge.media.MediaLeg;

/** The live registry's handle on an answered invite call. */
final class InvitedCallLeg implements CallLeg {

    private static final Logger LOG = Logger.getLogger(InvitedCallLeg.class.getName());

    private final SipSession session;
    private final InviteCallState call;
    private final SipInviteDialer dialer;

    InvitedCallLeg(SipSession session, InviteCallState call, SipInviteDialer dialer) {
        this.session = session;
        this.call = call;
        this.dialer = dialer;
    }

    @Override
    public String id() {
        return call.legId;
    }

    @Override
    public String callerNumber() {
        return call.number.value();
    }

    @Override
    public String callerDisplayName() {
        return null;
    }

    @Override
    public MediaLeg media() {
        return call.rtp;
    }

    /** Called under the registry's lock: the port is freed at once, the BYE leaves from the dialer's thread. */
    @Override
    public void hangUp(HangupReason reason) {
        call.end();
        dialer.later(() -> sendBye(session, call.legId + " (" + reason + ")"));
    }

    static void sendBye(SipSession session, String what) {
        if (!session.isValid() || session.getState() != SipSession.State.CONFIRMED) {
            return;
        }
        try {
            session.createRequest("BYE").send();
            LOG.fine(() -> "BYE sent to invited call " + what);
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.WARNING, "BYE to invited call " + what + " failed", e);
        }
    }
}
