package org.confbridge.interfaces.sip.invite;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipSession;
import org.confbridge.app.invite.InviteCall;
import org.confbridge.app.invite.InviteDialer;
import org.confbridge.app.invite.InviteProgress;
import org.confbridge.interfaces.sip.SipCall;
import org.confbridge.app.media.MediaServer;
import org.confbridge.domain.invite.InviteFailure;
import org.confbridge.domain.invite.InviteId;
import org.confbridge.media.MediaException;
import org.confbridge.media.MediaLeg;
import org.confbridge.media.sdp.SdpNegotiator;

/**
 * Places invite calls through the trunk. The live registry calls {@link #place} and {@link #cancel}
 * under its lock, so both only queue work on one thread of their own: that thread allocates the media
 * leg, builds and sends the INVITE (DNS of the trunk may block), sends CANCELs and BYEs, in the order
 * they were asked for, and reports a call that cannot even be sent as "unreachable".
 */
final class SipInviteDialer implements InviteDialer {

    private static final Logger LOG = Logger.getLogger(SipInviteDialer.class.getName());
    private static final String SDP = "application/sdp";

    private final SipFactory factory;
    private final TrunkSettings trunk;
    private final MediaServer media;
    private final String handler;
    private final InetAddress sdpAddress;
    /** Unanswered calls by invite, for CANCEL. */
    private final Map<InviteId, SipServletRequest> ringing = new ConcurrentHashMap<>();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "confbridge-invite-calls");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param handler the name of the servlet (sip.xml) that receives these calls' responses and BYEs
     */
    SipInviteDialer(SipFactory factory, TrunkSettings trunk, MediaServer media, String handler) {
        this.factory = factory;
        this.trunk = trunk;
        this.media = media;
        this.handler = handler;
        this.sdpAddress = sdpAddress();
    }

    @Override
    public void place(InviteCall call, InviteProgress progress) {
        sender.execute(() -> send(call, progress));
    }

    @Override
    public void cancel(InviteId invite) {
        sender.execute(() -> abandon(invite));
    }

    /** The call was answered or failed: no CANCEL any more. */
    void settled(InviteId invite) {
        ringing.remove(invite);
    }

    void shutdown() {
        sender.shutdown();
        try {
            sender.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(InviteCall call, InviteProgress progress) {
        if (!trunk.hasTrunk()) {
            LOG.warning(() -> "invite to " + call.number() + " failed: no trunk.uri (CONF_TRUNK_URI) configured");
            progress.failed(InviteFailure.UNREACHABLE);
            return;
        }
        MediaLeg rtp;
        try {
            rtp = media.allocateLeg();
        } catch (MediaException e) {
            LOG.warning(() -> "invite to " + call.number() + " failed: no media port (" + e.getMessage() + ")");
            progress.failed(InviteFailure.UNREACHABLE);
            return;
        }
        InviteCallState state = null;
        try {
            SipApplicationSession application = factory.createApplicationSession();
            SipServletRequest invite = factory.createRequest(application, "INVITE", trunk.callerId(),
                    factory.createAddress(trunk.requestUri(call.number().value())));
            invite.setRequestURI(trunk.requestUri(call.number().value()));
            SdpNegotiator negotiator = new SdpNegotiator(media.codecs(), media.srtpMode());
            invite.setContent(negotiator.offer(sdpAddress, rtp.localPort()).getBytes(StandardCharsets.US_ASCII), SDP);
            SipSession session = invite.getSession();
            session.setHandler(handler);
            SipCall sipCall = new SipCall(SipCall.Direction.INVITED, session, rtp, negotiator, call.number().value(),
                    null, sender);
            state = new InviteCallState(call.invite(), call.number(), sipCall, progress);
            sipCall.attach();
            session.setAttribute(InviteCallState.ATTRIBUTE, state);
            ringing.put(call.invite(), invite);
            invite.send();
            LOG.fine(() -> "invite call to " + call.number() + " sent: " + invite.getRequestURI());
        } catch (IOException | javax.servlet.ServletException | RuntimeException e) {
            LOG.log(Level.WARNING, "invite call to " + call.number() + " could not be sent through the trunk", e);
            ringing.remove(call.invite());
            if (state != null) {
                state.end();
            } else {
                rtp.close();
            }
            progress.failed(InviteFailure.UNREACHABLE);
        }
    }

    private void abandon(InviteId invite) {
        SipServletRequest request = ringing.remove(invite);
        if (request == null) {
            return; // answered or failed meanwhile: the answer path hangs it up if needed
        }
        InviteCallState state = InviteCallServlet.stateOf(request.getSession());
        if (state != null && state.abandon()) {
            sendCancel(request);
        }
    }

    static void sendCancel(SipServletRequest invite) {
        try {
            invite.createCancel().send();
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "CANCEL of " + invite.getCallId() + " not sent (the call is already over)", e);
        }
    }

    private static InetAddress sdpAddress() {
        String bind = System.getProperty("confbridge.bind.address", "127.0.0.1").trim();
        try {
            InetAddress address = InetAddress.getByName(bind);
            return address.isAnyLocalAddress() ? InetAddress.getLocalHost() : address;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bind.address " + bind + " is not an address", e);
        }
    }
}
