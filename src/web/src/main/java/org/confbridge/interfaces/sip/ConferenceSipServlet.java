package org.confbridge.interfaces.sip;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.servlet.ServletException;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.SipURI;
import javax.servlet.sip.TimerService;
import org.confbridge.app.ConferenceDirectory;
import org.confbridge.app.ConferenceExtension;
import org.confbridge.app.live.LiveConferences;
import org.confbridge.app.media.MediaServer;
import org.confbridge.media.MediaException;
import org.confbridge.media.MediaLeg;
import org.confbridge.media.sdp.MediaAnswer;
import org.confbridge.media.sdp.SdpNegotiationException;
import org.confbridge.media.sdp.SdpNegotiator;

/**
 * Calls to conference extensions: {@code INVITE sip:<extension>@host}.
 *
 * <p>Unknown number or not a conference: 404. A conference: 180, then 200 with our SDP answer (or
 * our offer when the INVITE had none); the caller joins the live conference on ACK. No G.711 in the
 * offer: 488. INFO with a DTMF key goes to the live conference. Anything the application cannot
 * serve right now (database down): 503.
 */
public class ConferenceSipServlet extends SipServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ConferenceSipServlet.class.getName());

    static final String ALLOW = "INVITE, ACK, BYE, CANCEL, OPTIONS, INFO";
    static final String ACCEPT = "application/sdp, application/dtmf-relay, application/dtmf";
    private static final String SDP = "application/sdp";

    private transient ConferenceDirectory directory;
    private transient LiveConferences live;
    private transient MediaServer media;
    private long answerDelayMillis;
    private transient TimerService timers;

    @Override
    public void init() throws ServletException {
        super.init();
        directory = ApplicationBeans.lookup(ConferenceDirectory.class, "ConferenceDirectory");
        live = ApplicationBeans.lookup(LiveConferences.class, "LiveConferences");
        media = ApplicationBeans.lookup(MediaServer.class, "MediaServer");
        answerDelayMillis = Long.getLong("confbridge.sip.answer.delay.ms", 0);
        timers = (TimerService) getServletContext().getAttribute(TIMER_SERVICE);
    }

    // ------------------------------------------------------------------------------------ INVITE

    @Override
    protected void doInvite(SipServletRequest request) throws IOException {
        if (!request.isInitial()) {
            reInvite(request);
            return;
        }
        if (!(request.getRequestURI() instanceof SipURI)) {
            reject(request, 416, null); // Unsupported URI Scheme
            return;
        }
        SipURI target = (SipURI) request.getRequestURI();
        String body = bodyOf(request);
        boolean hasOffer = body != null && !body.isBlank();
        if (hasOffer && !isSdp(request)) {
            SipServletResponse response = request.createResponse(415);
            response.setHeader("Accept", SDP);
            response.send();
            return;
        }
        Optional<ConferenceExtension> conference = lookup(request, target);
        if (conference == null) {
            return; // already answered 503
        }
        if (conference.isEmpty()) {
            reject(request, 404, null);
            return;
        }
        answer(request, conference.get(), hasOffer ? body : null);
    }

    /** The directory's answer, or null after replying 503 when it cannot answer. */
    private Optional<ConferenceExtension> lookup(SipServletRequest request, SipURI target) throws IOException {
        try {
            return directory.findConference(target.getHost(), target.getUser());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "conference lookup failed for " + target, e);
            SipServletResponse response = request.createResponse(503);
            response.setHeader("Retry-After", "30");
            response.send();
            return null;
        }
    }

    private void answer(SipServletRequest request, ConferenceExtension conference, String offer) throws IOException {
        InetAddress local = InetAddress.getByName(request.getLocalAddr());
        MediaLeg rtp;
        try {
            rtp = media.allocateLeg();
        } catch (MediaException e) {
            LOG.warning(() -> "call to " + conference.number() + " refused: " + e.getMessage());
            reject(request, 503, "No media port free");
            return;
        }
        SdpNegotiator negotiator = new SdpNegotiator();
        String sdp;
        try {
            if (offer == null) {
                sdp = negotiator.offer(local, rtp.localPort());
            } else {
                MediaAnswer answer = negotiator.answer(offer, local, rtp.localPort());
                rtp.update(answer.media());
                sdp = answer.sdp();
            }
        } catch (SdpNegotiationException e) {
            rtp.close();
            SipServletResponse response = request.createResponse(e.sipStatusCode());
            if (e.sipStatusCode() == 488) {
                response.setHeader("Warning", "304 confbridge \"" + e.getMessage().replace('"', '\'') + "\"");
            }
            response.send();
            return;
        }
        SipSession session = request.getSession();
        String legId = request.getCallId() + ";" + request.getFrom().getParameter("tag");
        session.setAttribute(CallState.ATTRIBUTE, new CallState(conference, negotiator, rtp, legId, offer == null));
        request.createResponse(180).send();
        SipServletResponse ok = request.createResponse(200);
        ok.setContent(sdp.getBytes(StandardCharsets.US_ASCII), SDP);
        Runnable join = () -> joinConference(request);
        if (answerDelayMillis > 0) {
            // Ring a little before answering (configurable); a CANCEL meanwhile ends the call unanswered.
            timers.createTimer(request.getApplicationSession(), answerDelayMillis, false, new DelayedAnswer(ok, join));
        } else {
            ok.send();
            join.run();
        }
    }

    /**
     * The call is answered: it enters the conference now (not on ACK, so that keys sent right after the
     * ACK never race it). A missing ACK ends it again (CallEndListener).
     */
    private void joinConference(SipServletRequest invite) {
        CallState call = stateOf(invite.getSession());
        if (call == null || call.ended || call.joined) {
            return;
        }
        call.joined = true;
        live.join(call.conference, new SipCallLeg(invite.getSession(), call, invite.getFrom()));
    }

    /** re-INVITE in the dialog: hold (sendonly / inactive / c=0.0.0.0), unhold, or a session refresh. */
    private void reInvite(SipServletRequest request) throws IOException {
        CallState call = stateOf(request.getSession());
        if (call == null || call.ended) {
            reject(request, 481, null);
            return;
        }
        String body = bodyOf(request);
        InetAddress local = InetAddress.getByName(request.getLocalAddr());
        String sdp;
        boolean onHold = false;
        try {
            if (body == null || body.isBlank()) {
                sdp = call.negotiator.offer(local, call.rtp.localPort());
            } else if (!isSdp(request)) {
                reject(request, 415, null);
                return;
            } else {
                MediaAnswer answer = call.negotiator.answer(body, local, call.rtp.localPort());
                sdp = answer.sdp();
                onHold = answer.media().onHold();
                call.rtp.update(answer.media()); // hold, resume, or a new remote address
            }
        } catch (SdpNegotiationException e) {
            // The call keeps its current media (RFC 3261 14.2): just refuse the change.
            reject(request, e.sipStatusCode(), null);
            return;
        }
        live.setOnHold(call.legId, onHold);
        SipServletResponse ok = request.createResponse(200);
        ok.setContent(sdp.getBytes(StandardCharsets.US_ASCII), SDP);
        ok.send();
    }

    @Override
    protected void doAck(SipServletRequest request) throws IOException {
        CallState call = stateOf(request.getSession());
        if (call == null || call.ended || !call.lateOffer || call.lateAnswerChecked) {
            return; // ACK of a re-INVITE, a retransmission, or nothing to check
        }
        call.lateAnswerChecked = true;
        String answer = bodyOf(request);
        try {
            if (answer == null || answer.isBlank()) {
                throw new IllegalArgumentException("ACK without the SDP answer to our offer");
            }
            call.rtp.update(call.negotiator.acceptAnswer(answer));
        } catch (SdpNegotiationException | IllegalArgumentException e) {
            // RFC 3264: no usable answer to our offer, so no media: end the call.
            LOG.info(() -> "ending call " + call.legId + ": " + e.getMessage());
            request.getSession().createRequest("BYE").send();
            endCall(request.getSession());
        }
    }

    // ---------------------------------------------------------------------- in-dialog requests

    @Override
    protected void doBye(SipServletRequest request) throws IOException {
        request.createResponse(200).send();
        endCall(request.getSession());
    }

    @Override
    protected void doCancel(SipServletRequest request) {
        // The container has answered the CANCEL (200) and the INVITE (487) already.
        endCall(request.getSession());
    }

    @Override
    protected void doInfo(SipServletRequest request) throws IOException {
        CallState call = stateOf(request.getSession());
        if (request.isInitial() || call == null || call.ended) {
            reject(request, 481, null);
            return;
        }
        if (!DtmfInfoBody.accepts(request.getContentType())) {
            SipServletResponse response = request.createResponse(415);
            response.setHeader("Accept", DtmfInfoBody.DTMF_RELAY + ", " + DtmfInfoBody.DTMF);
            response.send();
            return;
        }
        char key;
        try {
            key = DtmfInfoBody.parse(request.getContentType(), bodyOf(request));
        } catch (IllegalArgumentException e) {
            reject(request, 400, "Bad DTMF body: " + e.getMessage());
            return;
        }
        if (!call.joined || !live.keyPressed(call.legId, key)) {
            reject(request, 481, null);
            return;
        }
        request.createResponse(200).send();
    }

    @Override
    protected void doOptions(SipServletRequest request) throws IOException {
        SipServletResponse response = request.createResponse(200);
        response.setHeader("Allow", ALLOW);
        response.setHeader("Accept", ACCEPT);
        response.send();
    }

    /**
     * Dispatches by method. Methods we do not serve (MESSAGE, SUBSCRIBE, REGISTER, ...): 405 with what
     * we allow. A failure of the application behind (EJB, database) answers 503, never 500.
     */
    @Override
    protected void doRequest(SipServletRequest request) throws ServletException, IOException {
        switch (request.getMethod()) {
            case "INVITE":
            case "ACK":
            case "BYE":
            case "CANCEL":
            case "OPTIONS":
            case "INFO":
                break;
            default:
                SipServletResponse response = request.createResponse(405);
                response.setHeader("Allow", ALLOW);
                response.send();
                return;
        }
        try {
            super.doRequest(request);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot serve " + request.getMethod() + " " + request.getCallId(), e);
            if (!"ACK".equals(request.getMethod()) && !request.isCommitted()) {
                SipServletResponse response = request.createResponse(503);
                response.setHeader("Retry-After", "5");
                response.send();
            }
        }
    }

    @Override
    protected void doResponse(SipServletResponse response) {
        // Responses to our own BYEs: nothing more to do, the call already left its conference.
    }

    // ---------------------------------------------------------------------------------- helpers

    /** Ends the call once: leaves the live conference and frees its media port. */
    void endCall(SipSession session) {
        CallState call = stateOf(session);
        if (call != null && call.end() && call.joined) {
            live.leave(call.legId);
        }
    }

    static CallState stateOf(SipSession session) {
        return session == null || !session.isValid() ? null : (CallState) session.getAttribute(CallState.ATTRIBUTE);
    }

    private static boolean isSdp(SipServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith(SDP);
    }

    private static String bodyOf(SipServletRequest request) throws IOException {
        byte[] raw = request.getRawContent();
        return raw == null || raw.length == 0 ? null : new String(raw, StandardCharsets.UTF_8);
    }

    private static void reject(SipServletRequest request, int status, String reason) throws IOException {
        (reason == null ? request.createResponse(status) : request.createResponse(status, reason)).send();
    }
}
