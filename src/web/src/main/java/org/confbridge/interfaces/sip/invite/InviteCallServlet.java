package org.confbridge.interfaces.sip.invite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.servlet.ServletException;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;
import org.confbridge.app.live.LiveConferences;
import org.confbridge.domain.conference.HangupReason;
import org.confbridge.app.media.MediaServer;
import org.confbridge.app.metrics.ServerMetrics;
import org.confbridge.interfaces.sip.ApplicationBeans;
import org.confbridge.interfaces.sip.HangupsInFlight;
import org.confbridge.media.sdp.SdpNegotiationException;

/**
 * The handler of invite calls (the sessions the dialer creates name it): responses to our INVITEs and
 * the requests inside their dialogs. Registers the dialer with the live registry when it starts.
 *
 * <ul>
 *   <li>180/183: the invite is ringing (183 with SDP: the callee's answer is applied, early media flows
 *       to our leg but not into the room)</li>
 *   <li>200: ACK, then the callee enters the conference; a call abandoned meanwhile gets ACK + BYE</li>
 *   <li>4xx-6xx: busy, no answer, invalid number, unreachable or rejected ({@link InviteFailures})</li>
 *   <li>BYE from the callee: the invited participant leaves</li>
 * </ul>
 */
public class InviteCallServlet extends SipServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(InviteCallServlet.class.getName());
    /** Its servlet name in sip.xml: the dialer's sessions are handled here. */
    static final String NAME = "invite-calls";

    private transient LiveConferences live;
    private transient SipInviteDialer dialer;
    private transient ServerMetrics metrics;

    @Override
    public void init() throws ServletException {
        super.init();
        live = ApplicationBeans.lookup(LiveConferences.class, "LiveConferences");
        metrics = ApplicationBeans.lookup(ServerMetrics.class, "ServerMetrics");
        MediaServer media = ApplicationBeans.lookup(MediaServer.class, "MediaServer");
        SipFactory factory = (SipFactory) getServletContext().getAttribute(SIP_FACTORY);
        dialer = new SipInviteDialer(factory, TrunkSettings.fromSystemProperties(factory), media, NAME);
        live.registerDialer(dialer);
    }

    @Override
    public void destroy() {
        if (live != null) {
            live.registerDialer(null);
        }
        if (dialer != null) {
            dialer.shutdown();
        }
        super.destroy();
    }

    // ------------------------------------------------------------------------ responses to INVITE

    @Override
    protected void doProvisionalResponse(SipServletResponse response) {
        InviteCallState call = stateOf(response.getSession());
        if (call == null || !"INVITE".equals(response.getMethod()) || response.getStatus() == 100) {
            return;
        }
        if (call.cancelDue()) {
            SipInviteDialer.sendCancel(response.getRequest()); // abandoned before the phone rang
            return;
        }
        if (call.isAbandoned()) {
            return;
        }
        String sdp = bodyOf(response);
        if (sdp != null && call.takeAnswer()) {
            trustSignallingSource(call, response);
            applyAnswer(call, sdp); // early media: the callee's audio reaches our leg (not the room)
        }
        if (call.ringing()) {
            call.progress.ringing();
        }
    }

    @Override
    protected void doSuccessResponse(SipServletResponse response) throws IOException {
        if (!"INVITE".equals(response.getMethod())) {
            HangupsInFlight.onResponse(response); // 200 to our BYE or CANCEL
            return;
        }
        InviteCallState call = stateOf(response.getSession());
        response.createAck().send();
        if (call == null) {
            return;
        }
        dialer.settled(call.invite);
        String sdp = bodyOf(response);
        trustSignallingSource(call, response);
        boolean usable = call.takeAnswer() ? sdp != null && applyAnswer(call, sdp) : true;
        if (!usable) {
            LOG.info(() -> "invite call to " + call.number + " answered without usable SDP: hanging up");
            call.call.sendBye(null);
            call.end();
            if (!call.isAbandoned()) {
                call.progress.failed(org.confbridge.domain.invite.InviteFailure.REJECTED);
            }
            return;
        }
        if (!call.answered()) {
            call.call.sendBye(HangupReason.INVITE_CANCELLED); // given up while the answer was on its way
            call.end();
            return;
        }
        metrics.invitedAnswered(System.nanoTime() - call.sentNanos);
        call.call.joined(call.progress.answered(call.call));
    }

    @Override
    protected void doErrorResponse(SipServletResponse response) {
        if (!"INVITE".equals(response.getMethod())) {
            HangupsInFlight.onResponse(response);
            return;
        }
        InviteCallState call = stateOf(response.getSession());
        if (call == null) {
            return;
        }
        dialer.settled(call.invite);
        call.end();
        if (!call.isAbandoned()) {
            LOG.info(() -> "invite call to " + call.number + " failed: " + response.getStatus() + " "
                    + response.getReasonPhrase());
            call.progress.failed(InviteFailures.of(response.getStatus()));
        }
    }

    // ---------------------------------------------------------------------- requests in the dialog

    @Override
    protected void doBye(SipServletRequest request) throws IOException {
        request.createResponse(200).send();
        end(request.getSession());
    }

    @Override
    protected void doInfo(SipServletRequest request) throws IOException {
        request.createResponse(200).send(); // invited participants use no keys
    }

    /** re-INVITE from the invited party (hold, resume, new address): answered from the same leg. */
    @Override
    protected void doInvite(SipServletRequest request) throws IOException {
        InviteCallState call = stateOf(request.getSession());
        if (request.isInitial() || call == null || call.phase() != InviteCallState.Phase.ANSWERED) {
            request.createResponse(481).send();
            return;
        }
        call.call.answerReInvite(request);
    }

    @Override
    protected void doAck(SipServletRequest request) throws IOException {
        InviteCallState call = stateOf(request.getSession());
        byte[] body = request.getRawContent() == null ? null : request.getRawContent();
        if (call != null && body != null && body.length > 0) {
            call.call.acceptAnswer(new String(body, StandardCharsets.UTF_8)); // answer to our offer in a re-INVITE's 200
        }
    }

    /** The dialog of an invite call is over: its participant leaves (or its invite fails) once. */
    static void end(SipSession session) {
        InviteCallState call = stateOf(session);
        if (call == null) {
            return;
        }
        InviteCallState.Phase before = call.end(); // an answered participant leaves with its SipCall
        if (before != null && before != InviteCallState.Phase.ANSWERED && !call.isAbandoned()) {
            call.progress.failed(org.confbridge.domain.invite.InviteFailure.UNREACHABLE);
        }
    }

    static InviteCallState stateOf(SipSession session) {
        if (session == null || !session.isValid()) {
            return null;
        }
        Object state = session.getAttribute(InviteCallState.ATTRIBUTE);
        return state instanceof InviteCallState ? (InviteCallState) state : null;
    }

    /** Applies the callee's SDP answer to our leg; false when it is unusable. */
    private static boolean applyAnswer(InviteCallState call, String sdp) {
        return call.call.acceptAnswer(sdp);
    }

    /** Media of the invited call may latch only onto the address the trunk answers from. */
    private static void trustSignallingSource(InviteCallState call, SipServletResponse response) {
        try {
            call.call.media().setSignallingAddress(java.net.InetAddress.getByName(response.getRemoteAddr()));
        } catch (java.net.UnknownHostException | RuntimeException e) {
            LOG.log(Level.FINE, "no signalling address for the invite call to " + call.number, e);
        }
    }

    private static String bodyOf(SipServletResponse response) {
        try {
            byte[] raw = response.getRawContent();
            return raw == null || raw.length == 0 ? null : new String(raw, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }
}
