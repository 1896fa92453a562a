package org.confbridge.interfaces.sip;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;
import org.confbridge.app.live.CallLeg;
import org.confbridge.app.live.ParticipantHandle;
import org.confbridge.domain.conference.HangupReason;
import org.confbridge.media.MediaLeg;
import org.confbridge.media.sdp.MediaAnswer;
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
        sender.execute(() -> sendBye(reason));
    }

    /** Sends a BYE if the dialog is confirmed (on the caller's thread). */
    public void sendBye(HangupReason reason) {
        if (!session.isValid() || session.getState() != SipSession.State.CONFIRMED) {
            return;
        }
        try {
            session.createRequest("BYE").send();
            LOG.fine(() -> "BYE sent to " + participant + " (" + reason + ")");
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "BYE to " + participant + " not sent (the dialog is over)", e);
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
                MediaAnswer answer = negotiator.answer(offer, local, rtp.localPort());
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

    /** Applies the remote SDP answer to our offer; false when it is unusable. */
    public boolean acceptAnswer(String sdp) {
        try {
            rtp.update(negotiator.acceptAnswer(sdp));
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
