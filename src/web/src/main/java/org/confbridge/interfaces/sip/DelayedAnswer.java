package org.confbridge.interfaces.sip;

import java.io.IOException;
import java.io.Serializable;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.servlet.sip.ServletTimer;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.TimerListener;

/**
 * The 200 OK of a call that rings for a configured time before it is answered
 * ({@code sip.answer.delay.ms}). Sent when the timer fires unless the caller cancelled meanwhile.
 */
final class DelayedAnswer implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(DelayedAnswer.class.getName());

    private final transient SipServletResponse ok;
    private final transient Runnable afterAnswer;

    DelayedAnswer(SipServletResponse ok, Runnable afterAnswer) {
        this.ok = ok;
        this.afterAnswer = afterAnswer;
    }

    void send() {
        SipCall call = SipCall.of(ok.getSession());
        if (call == null || call.isEnded()) {
            return; // cancelled while ringing
        }
        try {
            ok.send();
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "delayed answer not sent (transaction over)", e);
            return;
        }
        afterAnswer.run();
    }

    /** The application's timer listener (declared in sip.xml): fires delayed answers. */
    public static final class Listener implements TimerListener {
        @Override
        public void timeout(ServletTimer timer) {
            if (timer.getInfo() instanceof DelayedAnswer) {
                ((DelayedAnswer) timer.getInfo()).send();
            }
        }
    }
}
