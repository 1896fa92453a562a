package org.confbridge.interfaces.sip;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.servlet.sip.Address;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.SipURI;
import org.confbridge.app.live.CallLeg;
import org.confbridge.app.live.ParticipantHandle;
import org.confbridge.domain.conference.HangupReason;
import org.confbridge.media.MediaLeg;
import org.confbridge.media.sdp.IncompatibleMediaException;
import org.confbridge.media.sdp.MalformedSdpException;
import org.confbridge.media.sdp.MediaAnswer;
import org.confbridge.media.sdp.NegotiatedMedia;
import org.confbridge.media.sdp.SdpNegotiationException;
import org.confbridge.media.sdp.SdpNegotiator;

/**
 * One SIP call of a conference, dial-in or invited: its dialog, its RTP leg and its SDP negotiation, and
 * the handle of its participant once it is in a conference. Kept as an attribute of its SIP session.
 * Touched by container threads and by the conference's loop (hang-ups): state changes are synchronized,
 * and the loop's requests go out through {@code sender}, never on the loop.
 */
public final class SipCall implements CallLeg {

    private static final Logger LOG = Logger.getLogger(SipCall.class.getName());
    static final String ATTRIBUTE = SipCall.class.getName();
    static final String SDP = "application/sdp";

    /** Where the call came from. */
    public enum Direction { DIAL_IN, INVITED }

    private final Direction direction;
    private final SipSession session;
    private final MediaLeg rtp;
    private final SdpNegotiator negotiator;
    private final String callerNumber;
    private final String callerDisplayName;
    private final Executor sender;
    private volatile ParticipantHandle participant;
    private boolean ended;
    /** Where the caller really is when it differs from its Contact (NAT): our BYE goes there. */
    private volatile Address sourceRoute;
    private volatile String sourceAddress;

    public SipCall(Direction direction, SipSession session, MediaLeg rtp, SdpNegotiator negotiator,
                   String callerNumber, String callerDisplayName, Executor sender) {
        this.direction = direction;
        this.session = session;
        this.rtp = rtp;
        this.negotiator = negotiator;
        this.callerNumber = callerNumber;
        this.callerDisplayName = callerDisplayName;
        this.sender = sender;
    }

    /** The call of a SIP session, or null when it has none (or the session is gone). */
    public static SipCall of(SipSession session) {
        if (session == null || !session.isValid()) {
            return null;
        }
        Object call = session.getAttribute(ATTRIBUTE);
        return call instanceof SipCall ? (SipCall) call : null;
    }

    /**
     * The dial-in request came from {@code host:port} over {@code transport}: requests we send in the dialog
     * go there (RFC 3581 style; the same TCP connection) when the caller's Contact names another address.
     * {@code callerSource} is the address its wrong PINs count against (the phone's, also behind a proxy).
     */
    public void cameFrom(SipFactory factory, SipServletRequest initial, String callerSource) {
        sourceAddress = callerSource;
        try {
            Address contactHeader = initial.getAddressHeader("Contact");
            if (contactHeader == null || !(contactHeader.getURI() instanceof SipURI)) {
                return;
            }
            SipURI contact = (SipURI) contactHeader.getURI();
            int contactPort = contact.getPort() < 0 ? 5060 : contact.getPort();
            if (contact.getHost().equals(initial.getRemoteAddr()) && contactPort == initial.getRemotePort()) {
                return;
            }
            SipURI route = factory.createSipURI(null, initial.getRemoteAddr());
            route.setPort(initial.getRemotePort());
            route.setTransportParam(initial.getTransport().toLowerCase(java.util.Locale.ROOT));
            route.setLrParam(true);
            sourceRoute = factory.createAddress(route);
        } catch (javax.servlet.sip.ServletParseException | RuntimeException e) {
            LOG.log(Level.FINE, "no source route for " + callerNumber, e);
        }
    }

    @Override
    public String sourceAddress() {
        return sourceAddress;
    }

    /** Keeps this call with its session (before any response leaves, so every later request finds it). */
    public void attach() {
        session.setAttribute(ATTRIBUTE, this);
    }

    public Direction direction() {
        return direction;
    }

    public SdpNegotiator negotiator() {
        return negotiator;
    }

    @Override
    public MediaLeg media() {
        return rtp;
    }

    @Override
    public String callerNumber() {
        return callerNumber;
    }

    @Override
    public String callerDisplayName() {
        return callerDisplayName;
    }

    /** The participant this call is in its conference; null until it joined. */
    public ParticipantHandle participant() {
        return participant;
    }

    public void joined(ParticipantHandle handle) {
        participant = handle;
    }

    public synchronized boolean isEnded() {
        return ended;
    }

    /**
     * The call is over (BYE either way, CANCEL, a dead dialog, a failure): frees the RTP port and takes
     * the participant out of the conference. Idempotent.
     *
     * @return true the first time
     */
    public boolean end() {
        synchronized (this) {
            if (ended) {
                return false;
            }
            ended = true;
        }
        rtp.close();
        ParticipantHandle handle = participant;
        if (handle != null) {
            handle.leave();
        }
        return true;
    }

    /** The conference ends the call (on its loop): the port is freed at once, the BYE leaves from the sender. */
    @Override
    public void hangUp(HangupReason reason) {
        synchronized (this) {
            ended = true; // the conference has let the participant go already: no leave() back to it
        }
        rtp.close();
        HangupsInFlight.started(); // counted from now: a stop waits for the BYE still in the queue too
        try {
            sender.execute(() -> {
                HangupsInFlight.finished();
                sendBye(reason);
            });
        } catch (RuntimeException e) {
            HangupsInFlight.finished();
            throw e;
        }
    }

    /** Sends a BYE if the dialog is confirmed (on the caller's thread). */
    public void sendBye(HangupReason reason) {
        if (!session.isValid() || session.getState() != SipSession.State.CONFIRMED) {
            return;
        }
        HangupsInFlight.started(); // until its final answer (or the container's timeout) reaches doResponse
        boolean sent = false;
        try {
            SipServletRequest bye = session.createRequest("BYE");
            Address route = sourceRoute;
            if (route != null) {
                toWhereTheCallerIs(bye, route);
            }
            bye.send();
            sent = true;
            LOG.fine(() -> "BYE sent to " + participant + " (" + reason + ")");
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "BYE to " + participant + " not sent (the dialog is over)", e);
        } finally {
            if (!sent) {
                HangupsInFlight.finished();
            }
        }
    }

    /**
     * Behind NAT the caller's Contact names an address we cannot reach: the request goes to where its
     * call came from instead (a loose route to that address, RFC 3581 style; the Request-URI stays the
     * Contact). The SIP Servlet API refuses routes on requests in a dialog, so the route is set on the
     * stack's own message.
     */
    private void toWhereTheCallerIs(SipServletRequest request, Address route) {
        Optional<javax.sip.message.Message> message = StackMessages.of(request);
        if (message.isEmpty()) {
            LOG.info(() -> "BYE to " + participant + " goes to its Contact: no access to the stack's message");
            return;
        }
        try {
            javax.sip.address.Address target = javax.sip.SipFactory.getInstance().createAddressFactory()
                    .createAddress(route.getURI().toString());
            ((javax.sip.message.Request) message.get())
                    .addFirst(javax.sip.SipFactory.getInstance().createHeaderFactory().createRouteHeader(target));
        } catch (java.text.ParseException | javax.sip.SipException | RuntimeException e) {
            LOG.log(Level.INFO, "BYE to " + participant + " goes to its Contact: " + e);
        }
    }

    /**
     * A re-INVITE in the dialog: hold (sendonly / inactive / c=0.0.0.0), resume, a new address, or a
     * session refresh without SDP (then our offer, answered in the ACK). A refused change keeps the
     * call's current media (RFC 3261 14.2).
     */
    public void answerReInvite(SipServletRequest request) throws IOException {
        if (isEnded()) {
            request.createResponse(481).send();
            return;
        }
        String offer = body(request.getRawContent());
        InetAddress local = InetAddress.getByName(request.getLocalAddr());
        String sdp;
        try {
            if (offer == null) {
                sdp = negotiator.offer(local, rtp.localPort());
            } else if (!isSdp(request.getContentType())) {
                request.createResponse(415).send();
                return;
            } else {
                MediaAnswer answer = answer(negotiator, offer, local, rtp.localPort());
                rtp.update(answer.media());
                sdp = answer.sdp();
                ParticipantHandle handle = participant;
                if (handle != null) {
                    handle.setOnHold(answer.media().onHold()); // no media timeout while on hold
                }
            }
        } catch (SdpNegotiationException e) {
            request.createResponse(e.sipStatusCode()).send();
            return;
        }
        SipServletResponse ok = request.createResponse(200);
        ok.setContent(sdp.getBytes(StandardCharsets.US_ASCII), SDP);
        ok.send();
    }

    /**
     * Answers an SDP offer, refusing what no call should do: an RTP address that is multicast or broadcast
     * (we would send the conference there) or values out of range.
     */
    public static MediaAnswer answer(SdpNegotiator negotiator, String offer, InetAddress local, int port)
            throws SdpNegotiationException {
        MediaAnswer answer;
        try {
            answer = negotiator.answer(offer, local, port);
        } catch (IllegalArgumentException e) {
            throw new MalformedSdpException("unusable SDP offer: " + e.getMessage(), e);
        }
        requireUnicast(answer.media());
        return answer;
    }

    private static void requireUnicast(NegotiatedMedia media) throws IncompatibleMediaException {
        InetAddress address = media.remoteRtp().getAddress();
        if (address == null) {
            return;
        }
        byte[] bytes = address.getAddress();
        boolean broadcast = bytes.length == 4 && (bytes[0] & bytes[1] & bytes[2] & bytes[3] & 0xff) == 0xff;
        if (address.isMulticastAddress() || broadcast) {
            throw new IncompatibleMediaException("RTP to a multicast or broadcast address ("
                    + address.getHostAddress() + ") is refused");
        }
    }

    /** Applies the remote SDP answer to our offer; false when it is unusable. */
    public boolean acceptAnswer(String sdp) {
        try {
            NegotiatedMedia media = negotiator.acceptAnswer(sdp);
            requireUnicast(media);
            rtp.update(media);
            return true;
        } catch (SdpNegotiationException | IllegalArgumentException e) {
            LOG.info(() -> "unusable SDP answer from " + callerNumber + ": " + e.getMessage());
            return false;
        }
    }

    static boolean isSdp(String contentType) {
        return contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith(SDP);
    }

    static String body(byte[] raw) {
        return raw == null || raw.length == 0 ? null : new String(raw, StandardCharsets.UTF_8);
    }
}
