package org.confbridge.interfaces.sip;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.servlet.ServletException;
import javax.servlet.sip.Address;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.SipURI;
import javax.servlet.sip.TimerService;
import org.confbridge.app.ConferenceDirectory;
import org.confbridge.app.ConferenceExtension;
import org.confbridge.app.cluster.CallRoute;
import org.confbridge.app.cluster.ClusterService;
import org.confbridge.app.config.Settings;
import org.confbridge.app.live.LiveConferences;
import org.confbridge.app.live.SourceLimits;
import org.confbridge.app.media.MediaServer;
import org.confbridge.app.metrics.ServerMetrics;
import org.confbridge.media.MediaException;
import org.confbridge.media.MediaLeg;
import org.confbridge.media.sdp.AudioCodec;
import org.confbridge.media.sdp.MediaAnswer;
import org.confbridge.media.sdp.SdpNegotiationException;
import org.confbridge.media.sdp.SdpNegotiator;
import org.confbridge.media.sdp.SrtpMode;

/**
 * Calls to conference extensions: {@code INVITE sip:<extension>@host}.
 *
 * <p>Unknown number or not a conference: 404. A conference: 180, then 200 with our SDP answer (or
 * our offer when the INVITE had none); the caller joins the live conference with the 200. No G.711 in
 * the offer: 488. INFO with a DTMF key goes to the caller's conference. Anything the application cannot
 * serve right now (database down): 503. Each method parses, hands over to the {@link SipCall} or the
 * live conferences, and answers.
 */
public class ConferenceSipServlet extends SipServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ConferenceSipServlet.class.getName());

    static final String ALLOW = "INVITE, ACK, BYE, CANCEL, OPTIONS, INFO";
    static final String ACCEPT = "application/sdp, application/dtmf-relay, application/dtmf";

    private transient ConferenceDirectory directory;
    private transient LiveConferences live;
    private transient ClusterService cluster;
    private transient MediaServer media;
    private transient SrtpMode srtpMode;
    private transient List<AudioCodec> codecs;
    private transient LongConsumer dialInAnswered;
    private long answerDelayMillis;
    private transient TimerService timers;
    /** Requests a conference asks for (BYEs) leave from here, never from its loop. */
    private transient ExecutorService sender;
    private transient SipFactory factory;
    private transient SourceLimits limits;
    private final transient RefusalLog floods = new RefusalLog();
    private transient CallerSource callerSource;

    @Override
    public void init() throws ServletException {
        super.init();
        directory = ApplicationBeans.lookup(ConferenceDirectory.class, "ConferenceDirectory");
        live = ApplicationBeans.lookup(LiveConferences.class, "LiveConferences");
        cluster = ApplicationBeans.lookup(ClusterService.class, "ClusterService");
        media = ApplicationBeans.lookup(MediaServer.class, "MediaServer");
        srtpMode = media.srtpMode(); // read once at start
        codecs = media.codecs();
        dialInAnswered = ApplicationBeans.lookup(ServerMetrics.class, "ServerMetrics").dialInSetup();
        answerDelayMillis = Long.getLong("confbridge.sip.answer.delay.ms", 0);
        timers = (TimerService) getServletContext().getAttribute(TIMER_SERVICE);
        factory = (SipFactory) getServletContext().getAttribute(SIP_FACTORY);
        limits = live.limits();
        callerSource = CallerSource.fromSettings(Settings.current());
        HangupsInFlight.register();
        sender = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sip-dial-in-out");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void destroy() {
        if (sender != null) {
            sender.shutdown();
        }
        super.destroy();
    }

    // ------------------------------------------------------------------------------------ INVITE

    @Override
    protected void doInvite(SipServletRequest request) throws IOException {
        long received = System.nanoTime();
        if (!request.isInitial()) {
            SipCall call = SipCall.of(request.getSession());
            if (call == null) {
                reject(request, 481, null);
            } else {
                call.answerReInvite(request);
            }
            return;
        }
        if (!(request.getRequestURI() instanceof SipURI)) {
            reject(request, 416, null); // Unsupported URI Scheme
            return;
        }
        String source = callerSource.of(request); // behind Kamailio: the phone's address, not Kamailio's
        long blocked = limits.pinBlockedSeconds(source);
        if (blocked > 0) {
            SipServletResponse response = request.createResponse(403, "Too many wrong PINs, try later");
            response.setHeader("Retry-After", String.valueOf(blocked));
            response.send();
            return;
        }
        if (!limits.allowInvite(source)) {
            floods.refused(source);
            SipServletResponse response = request.createResponse(503, "Too many calls from your address");
            response.setHeader("Retry-After", "1");
            response.send();
            return;
        }
        SipURI target = (SipURI) request.getRequestURI();
        String body = SipCall.body(request.getRawContent());
        boolean hasOffer = body != null && !body.isBlank();
        if (hasOffer && !SipCall.isSdp(request.getContentType())) {
            SipServletResponse response = request.createResponse(415);
            response.setHeader("Accept", SipCall.SDP);
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
        CallRoute route = cluster.routeCall(conference.get().extensionId()); // another node may own it
        if (route.kind() != CallRoute.Kind.LOCAL) {
            sendElsewhere(request, target, route);
            return;
        }
        answer(request, conference.get(), hasOffer ? body : null, received);
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

    private void answer(SipServletRequest request, ConferenceExtension conference, String offer, long received)
            throws IOException {
        MediaLeg rtp;
        try {
            rtp = media.allocateLeg();
        } catch (MediaException e) {
            LOG.warning(() -> "call to " + conference.number() + " refused: " + e.getMessage());
            reject(request, 503, "No media port free");
            return;
        }
        boolean answered = false;
        try {
            answered = answerWith(rtp, request, conference, offer, received);
        } finally {
            if (!answered) {
                rtp.close(); // whatever went wrong, the port goes back to the pool
            }
        }
    }

    /** Negotiates, rings and answers with {@code rtp}; false when the call was refused (the caller frees the port). */
    private boolean answerWith(MediaLeg rtp, SipServletRequest request, ConferenceExtension conference, String offer,
            long received) throws IOException {
        InetAddress local = InetAddress.getByName(request.getLocalAddr());
        // only the caller may latch (behind a trusted proxy: the phone's address it names)
        rtp.setSignallingAddress(InetAddress.getByName(callerSource.of(request)));
        SdpNegotiator negotiator = new SdpNegotiator(codecs, srtpMode);
        String sdp;
        try {
            if (offer == null) {
                sdp = negotiator.offer(local, rtp.localPort());
            } else {
                MediaAnswer answer = SipCall.answer(negotiator, offer, local, rtp.localPort());
                rtp.update(answer.media());
                sdp = answer.sdp();
            }
        } catch (SdpNegotiationException e) {
            SipServletResponse response = request.createResponse(e.sipStatusCode());
            if (e.sipStatusCode() == 488) {
                response.setHeader("Warning", "304 confbridge \"" + e.getMessage().replace('"', '\'') + "\"");
            }
            response.send();
            return false;
        }
        Address from = request.getFrom();
        String number = from.getURI() instanceof SipURI ? ((SipURI) from.getURI()).getUser() : from.getURI().toString();
        SipCall call = new SipCall(SipCall.Direction.DIAL_IN, request.getSession(), rtp, negotiator, number,
                from.getDisplayName(), sender);
        call.cameFrom(factory, request, callerSource.of(request));
        DialIn dialIn = new DialIn(conference, offer == null);
        request.getSession().setAttribute(DialIn.ATTRIBUTE, dialIn);
        call.attach();
        request.createResponse(180).send();
        SipServletResponse ok = request.createResponse(200);
        ok.setContent(sdp.getBytes(StandardCharsets.US_ASCII), SipCall.SDP);
        if (answerDelayMillis > 0) {
            // Ring a little before answering (configurable); a CANCEL meanwhile ends the call unanswered.
            timers.createTimer(request.getApplicationSession(), answerDelayMillis, false,
                    new DelayedAnswer(ok, () -> {
                        dialInAnswered.accept(System.nanoTime() - received);
                        joinConference(call, dialIn);
                    }));
        } else {
            ok.send();
            dialInAnswered.accept(System.nanoTime() - received);
            joinConference(call, dialIn);
        }
        return true;
    }

    /**
     * The call is answered: it enters the conference now (not on ACK, so that keys sent right after the
     * ACK never race it). A missing ACK ends it again (CallEndListener).
     */
    private void joinConference(SipCall call, DialIn dialIn) {
        if (call.isEnded() || call.participant() != null) {
            return;
        }
        call.joined(live.join(dialIn.conference, call));
        if (call.isEnded()) {
            call.participant().leave(); // ended while joining (CANCEL, no ACK): leave() is idempotent
        }
    }

    @Override
    protected void doAck(SipServletRequest request) throws IOException {
        SipCall call = SipCall.of(request.getSession());
        DialIn dialIn = call == null ? null : (DialIn) request.getSession().getAttribute(DialIn.ATTRIBUTE);
        if (call == null || call.isEnded() || dialIn == null || !dialIn.takeLateAnswer()) {
            return; // ACK of a re-INVITE, a retransmission, or nothing to check
        }
        String answer = SipCall.body(request.getRawContent());
        if (answer == null || !call.acceptAnswer(answer)) {
            // RFC 3264: no usable answer to our offer, so no media: end the call.
            LOG.info(() -> "ending call " + call.participant() + ": no usable SDP answer in the ACK");
            call.sendBye(null);
            call.end();
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
        SipCall call = SipCall.of(request.getSession());
        if (request.isInitial() || call == null || call.isEnded() || call.participant() == null) {
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
            key = DtmfInfoBody.parse(request.getContentType(), SipCall.body(request.getRawContent()));
        } catch (IllegalArgumentException e) {
            reject(request, 400, "Bad DTMF body: " + e.getMessage());
            return;
        }
        call.participant().pressKey(key);
        request.createResponse(200).send();
    }

    /**
     * Cluster: the conference runs on another node (302 to it: the load balancer follows it, so callers
     * of one conference meet on one node), or this node is draining and it runs nowhere (503: the load
     * balancer tries another node).
     */
    private void sendElsewhere(SipServletRequest request, SipURI target, CallRoute route) throws IOException {
        if (route.kind() == CallRoute.Kind.REFUSE) {
            reject(request, 503, "Node draining");
            return;
        }
        SipServletResponse response = request.createResponse(302);
        response.setHeader("Contact", "<sip:" + target.getUser() + "@" + route.target() + ">");
        response.send();
    }

    /** Liveness probe of the load balancer: a draining node says 503 so that it gets no new calls. */
    @Override
    protected void doOptions(SipServletRequest request) throws IOException {
        SipServletResponse response = request.createResponse(cluster.isDraining() ? 503 : 200);
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
        if (!hasUsableCharset(request)) {
            return;
        }
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
        // Responses to our own BYEs: the call already left its conference; a stop may be waiting for them.
        HangupsInFlight.onResponse(response);
    }

    // ---------------------------------------------------------------------------------- helpers

    /** Ends the call once: frees its media port and takes it out of its conference. */
    static void endCall(SipSession session) {
        SipCall call = SipCall.of(session);
        if (call != null) {
            call.end();
        }
    }

    /**
     * A body in a charset Java does not know poisons the request: the SIP stack re-encodes it with that
     * charset whenever it sends anything about it, fails, and the caller never gets a final answer. Such
     * a request is answered 415 with the charset replaced, so that the answer can be sent at all.
     */
    private static boolean hasUsableCharset(SipServletRequest request) throws IOException {
        String charset = request.getCharacterEncoding();
        if (charset == null || isSupported(charset)) {
            return true;
        }
        dropCharset(request);
        if (!"ACK".equals(request.getMethod())) {
            SipServletResponse response = request.createResponse(415, "Unsupported charset");
            response.setHeader("Accept", ACCEPT);
            response.send();
        }
        return false;
    }

    /**
     * Removes the charset parameter from the stack's own copy of the request (the servlet API's
     * setCharacterEncoding changes only the container's view, not what the stack encodes).
     */
    private static void dropCharset(SipServletRequest request) {
        StackMessages.of(request).ifPresent(message -> {
            javax.sip.header.ContentTypeHeader type =
                    (javax.sip.header.ContentTypeHeader) message.getHeader(javax.sip.header.ContentTypeHeader.NAME);
            if (type != null) {
                type.removeParameter("charset");
            }
        });
    }

    private static boolean isSupported(String charset) {
        try {
            return java.nio.charset.Charset.isSupported(charset);
        } catch (java.nio.charset.IllegalCharsetNameException e) {
            return false;
        }
    }

    private static void reject(SipServletRequest request, int status, String reason) throws IOException {
        (reason == null ? request.createResponse(status) : request.createResponse(status, reason)).send();
    }

    /** What a dial-in call needs besides its {@link SipCall}: its conference and the late-offer ACK check. */
    static final class DialIn {
        static final String ATTRIBUTE = DialIn.class.getName();
        final ConferenceExtension conference;
        /** Our answer was an offer (INVITE without SDP): the caller's answer comes in the ACK. */
        private boolean awaitingAnswer;

        DialIn(ConferenceExtension conference, boolean lateOffer) {
            this.conference = conference;
            this.awaitingAnswer = lateOffer;
        }

        /** True once, for the ACK that must carry the answer to our offer. */
        synchronized boolean takeLateAnswer() {
            boolean take = awaitingAnswer;
            awaitingAnswer = false;
            return take;
        }
    }
}
