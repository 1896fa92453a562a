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
import org.confbridge.app.media.MediaServer;
import org.confbridge.interfaces.sip.ApplicationBeans;
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

    @Override
    public void init() throws ServletException {
        super.init();
        live = ApplicationBeans.lookup(LiveConferences.class, "LiveConferences");
        MediaServer media = ApplicationBeans.lookup(MediaServer.class, "MediaServer");
        SipFactory factory = (SipFactory) getServletContext().getAttribute(SIP_FACTORY);
        dialer = new SipInviteDialer(factory, TrunkSettings.fromSystemProperties(factory), media, live, NAME);
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
            applyAnswer(call, sdp); // early media: the callee's audio reaches our leg (not the room)
        }
        if (call.ringing()) {
            live.inviteRinging(call.invite);
        }
    }

    @Override
    protected void doSuccessResponse(SipServletResponse response) throws IOException {
        if (!"INVITE".equals(response.getMethod())) {
            return; // 200 to our BYE or CANCEL
        }
        InviteCallState call = stateOf(response.getSession());
        response.createAck().send();
        if (call == null) {
            return;
        }
        dialer.settled(call.invite);
        String sdp = bodyOf(response);
        boolean usable = call.takeAnswer() ? sdp != null && applyAnswer(call, sdp) : true;
        if (!usable) {
            LOG.info(() -> "invite call to " + call.number + " answered without usable SDP: hanging up");
            call.end();
            InvitedCallLeg.sendBye(response.getSession(), call.legId);
            if (!call.isAbandoned()) {
                live.inviteFailed(call.invite, org.confbridge.domain.invite.InviteFailure.REJECTED);
            }
            return;
        }
        if (!call.answered()) {
            call.end();
            InvitedCallLeg.sendBye(response.getSession(), call.legId); // given up while the answer was on its way
            return;
        }
        live.inviteAnswered(call.invite, new InvitedCallLeg(response.getSession(), call, dialer));
    }

    @Override
    protected void doErrorResponse(SipServletResponse response) {
        if (!"INVITE".equals(response.getMethod())) {
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
            live.inviteFailed(call.invite, InviteFailures.of(response.getStatus()));
        }
    }

    // ---------------------------------------------------------------------- requests in the dialog

    @Override
    protected void doBye(SipServletRequest request) throws IOException {
        request.createResponse(200).send();
        end(request.getSession(), live);
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
        String offer = request.getRawContent() == null || request.getRawContent().length == 0 ? null
                : new String(request.getRawContent(), StandardCharsets.UTF_8);
        java.net.InetAddress local = java.net.InetAddress.getByName(request.getLocalAddr());
        String sdp;
        try {
            if (offer == null) {
                sdp = call.negotiator.offer(local, call.rtp.localPort()); // answer comes in the ACK
            } else {
                org.confbridge.media.sdp.MediaAnswer answer = call.negotiator.answer(offer, local, call.rtp.localPort());
                call.rtp.update(answer.media());
                sdp = answer.sdp();
                live.setOnHold(call.legId, answer.media().onHold()); // no media timeout while on hold
            }
        } catch (SdpNegotiationException e) {
            request.createResponse(e.sipStatusCode()).send(); // the call keeps its media (RFC 3261 14.2)
            return;
        }
        SipServletResponse ok = request.createResponse(200);
        ok.setContent(sdp.getBytes(StandardCharsets.US_ASCII), "application/sdp");
        ok.send();
    }

    @Override
    protected void doAck(SipServletRequest request) throws IOException {
        InviteCallState call = stateOf(request.getSession());
        byte[] body = request.getRawContent() == null ? null : request.getRawContent();
        if (call != null && body != null && body.length > 0) {
            applyAnswer(call, new String(body, StandardCharsets.UTF_8)); // answer to our offer in a re-INVITE's 200
        }
    }

    /** The dialog of an invite call is over: its participant leaves (or its invite fails) once. */
    static void end(SipSession session, LiveConferences live) {
        InviteCallState call = stateOf(session);
        if (call == null) {
            return;
        }
        InviteCallState.Phase before = call.end();
        if (before == InviteCallState.Phase.ANSWERED) {
            live.leave(call.legId);
        } else if (before != null && !call.isAbandoned()) {
            live.inviteFailed(call.invite, org.confbridge.domain.invite.InviteFailure.UNREACHABLE);
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
        try {
            call.rtp.update(call.negotiator.acceptAnswer(sdp));
            return true;
        } catch (SdpNegotiationException e) {
            LOG.log(Level.INFO, "unusable SDP answer from " + call.number + ": " + e.getMessage());
            return false;
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
