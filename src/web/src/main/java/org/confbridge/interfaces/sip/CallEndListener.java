package org.confbridge.interfaces.sip;

import javax.servlet.sip.SipErrorEvent;
import javax.servlet.sip.SipErrorListener;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.SipSessionEvent;
import javax.servlet.sip.SipSessionListener;

/**
 * Makes sure no call, dial-in or invited, stays in a conference or keeps its port when its dialog dies
 * without a BYE: the ACK never came, or the container destroys the session (expiry, error).
 */
public class CallEndListener implements SipErrorListener, SipSessionListener {

    @Override
    public void noAckReceived(SipErrorEvent event) {
        end(event.getRequest().getSession());
    }

    @Override
    public void noPrackReceived(SipErrorEvent event) {
        end(event.getRequest().getSession());
    }

    @Override
    public void sessionCreated(SipSessionEvent event) {
    }

    @Override
    public void sessionDestroyed(SipSessionEvent event) {
        end(event.getSession());
    }

    @Override
    public void sessionReadyToInvalidate(SipSessionEvent event) {
        end(event.getSession());
    }

    private static void end(SipSession session) {
        SipCall call = SipCall.of(session);
        if (call != null) {
            call.end();
        }
    }
}
