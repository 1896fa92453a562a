package org.confbridge.testkit;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.confbridge.testkit.rtp.AudioSource;
import org.confbridge.testkit.rtp.RtpSession;

/**
 * One call's SDP offer/answer (RFC 3264) and what it means for the RTP session: codec, telephone-event
 * payload type, where to send, whether to send. Guarded by its own monitor; never calls the SIP stack.
 */
final class MediaNegotiation {

    private static final Logger LOG = Logger.getLogger(MediaNegotiation.class.getName());

    private final String host;
    private final RtpSession rtp;
    private final List<Codec> codecs;
    private final int offeredEventPayloadType;
    private final Supplier<AudioSource> initialAudio;
    private final long sessionId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);

    // guarded by this
    private long version;
    private String remoteSdp;
    private Codec codec;
    private int eventPayloadType = -1;
    private MediaDirection localDirection = MediaDirection.SENDRECV;
    private MediaDirection remoteDirection;
    private boolean started;

    MediaNegotiation(String host, RtpSession rtp, List<Codec> codecs, int offeredEventPayloadType,
            Supplier<AudioSource> initialAudio) {
        this.host = host;
        this.rtp = rtp;
        this.codecs = codecs;
        this.offeredEventPayloadType = offeredEventPayloadType;
        this.initialAudio = initialAudio;
    }

    /** Our full offer (all our codecs) in the current direction. */
    synchronized String offer() {
        return Sdp.build(host, rtp.localPort(), codecs, offeredEventPayloadType, localDirection, sessionId, ++version);
    }

    /** A re-offer of the negotiated codec in {@code direction} (hold, unhold, new port); applies the direction. */
    synchronized String reoffer(MediaDirection direction) {
        localDirection = direction;
        rtp.setSending(direction.sends());
        return Sdp.build(host, rtp.localPort(), codec == null ? codecs : List.of(codec),
                eventPayloadType >= 0 ? eventPayloadType : offeredEventPayloadType, direction, sessionId, ++version);
    }

    /**
     * The answer to the peer's offer, applying it (codec = first of the offer's formats we accept), or null
     * when there is no common codec. IllegalArgumentException for malformed SDP.
     */
    synchronized String answerTo(String offerSdp) {
        Sdp.RemoteMedia remote = Sdp.parse(offerSdp);
        Codec common = remote.firstCommon(codecs);
        if (common == null) {
            return null;
        }
        remoteSdp = offerSdp;
        remoteDirection = remote.direction;
        localDirection = remote.direction.answerTo();
        codec = common;
        eventPayloadType = remote.telephoneEventPayloadType;
        updateTarget(remote);
        return Sdp.build(host, rtp.localPort(), List.of(common), remote.telephoneEventPayloadType, localDirection,
                sessionId, ++version);
    }

    /** Takes the peer's SDP answer (or an offer we need not answer); ignores messages without SDP. */
    void applyRemote(SipMessageRecord message) {
        if (!message.hasSdp()) {
            return;
        }
        Sdp.RemoteMedia remote;
        try {
            remote = Sdp.parse(message.body());
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "peer sent bad SDP", e);
            return;
        }
        synchronized (this) {
            remoteSdp = message.body();
            remoteDirection = remote.direction;
            Codec common = remote.firstCommon(codecs);
            if (common != null) {
                codec = common;
            }
            eventPayloadType = remote.telephoneEventPayloadType;
            updateTarget(remote);
        }
    }

    // holds this
    private void updateTarget(Sdp.RemoteMedia remote) {
        if (codec == null || remote.address.getPort() == 0) {
            return;
        }
        rtp.setTarget(new RtpSession.Target(remote.address, codec.payloadType(), eventPayloadType));
        // send only if we may send and the peer is willing to receive; c=0.0.0.0 is the old (RFC 2543) hold
        rtp.setSending(localDirection.sends() && !remote.address.getAddress().isAnyLocalAddress()
                && (remote.direction == MediaDirection.SENDRECV || remote.direction == MediaDirection.RECVONLY));
    }

    /** Starts sending the call's initial audio, once (early media may have started it already). */
    void start(String callId) {
        if (rtp.target() == null) {
            LOG.warning("call " + callId + " answered without a usable G.711 stream: not sending media");
            return;
        }
        synchronized (this) {
            if (started || rtp.isClosed()) {
                return; // keep the running source (and its phase)
            }
            started = true;
        }
        rtp.play(initialAudio.get());
        rtp.startSending();
    }

    synchronized String remoteSdp() {
        return remoteSdp;
    }

    synchronized Codec codec() {
        return codec;
    }

    synchronized int eventPayloadType() {
        return eventPayloadType;
    }

    synchronized MediaDirection localDirection() {
        return localDirection;
    }

    synchronized MediaDirection remoteDirection() {
        return remoteDirection;
    }
}
