package org.confbridge.interfaces.sip;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.servlet.sip.Address;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.SipURI;
import org.confbridge.app.live.CallLeg;
import org.confbridge.domain.conference.HangupReason;
import org.confbridge.media.MediaLeg;

/** The live registry's handle on one answered SIP call. */
final class SipCallLeg implements CallLeg {

    private static final Logger LOG = Logger.getLogger(SipCallLeg.class.getName());

    private final SipSession session;
    private final String id;
    private final Address from;
    private final CallState call;

    SipCallLeg(SipSession session, CallState call, Address from) {
        this.session = session;
        this.id = call.legId;
        this.call = call;
        this.from = from;
    }

    @Override
    public MediaLeg media() {
        return call.rtp;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String callerNumber() {
        return from.getURI() instanceof SipURI ? ((SipURI) from.getURI()).getUser() : from.getURI().toString();
    }

    @Override
    public String callerDisplayName() {
        return from.getDisplayName();
    }

    @Override
    public void hangUp(HangupReason reason) {
        call.end(); // the port is free at once; the conference has already let the caller go
        if (!session.isValid() || session.getState() != SipSession.State.CONFIRMED) {
            return;
        }
        try {
            session.createRequest("BYE").send();
            LOG.fine(() -> "BYE sent to " + id + " (" + reason + ")");
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.WARNING, "BYE to " + id + " failed", e);
        }
    }
}
