package org.confbridge.interfaces.sip.invite;

import javax.servlet.sip.SipErrorEvent;
import javax.servlet.sip.SipErrorListener;
import javax.servlet.sip.SipSessionEvent;
import javax.servlet.sip.SipSessionListener;
import org.confbridge.interfaces.sip.ApplicationBeans;

/**
 * No invite call stays in a conference or keeps its port when its dialog dies without a BYE (the
 * container destroys the session on expiry or a transport error). Sessions of dial-in calls are not
 * touched (they carry no invite call state).
 */
public class InviteCallCleanup implements SipSessionListener, SipErrorListener {

    @Override
    public void sessionCreated(SipSessionEvent event) {
    }

    @Override
    public void sessionDestroyed(SipSessionEvent event) {
        end(event);
    }

    @Override
    public void sessionReadyToInvalidate(SipSessionEvent event) {
        end(event);
    }

    @Override
    public void noAckReceived(SipErrorEvent event) {
        // We are the caller of invite calls: we send the ACK, we never wait for one.
    }

    @Override
    public void noPrackReceived(SipErrorEvent event) {
    }

    private void end(SipSessionEvent event) {
        if (InviteCallServlet.stateOf(event.getSession()) != null) {
            InviteCallServlet.end(event.getSession());
        }
    }
}
