package org.confbridge.testkit;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.confbridge.testkit.rtp.AudioSource;
import org.confbridge.testkit.rtp.RtpSession;
import org.confbridge.testkit.rtp.SrtpContext;

/**
 * One call's SDP offer/answer (RFC 3264) and what it means for the RTP session: codec, telephone-event
 * payload type, where to send, whether to send. Guarded by its own monitor; never calls the SIP stack.
 *
 * <p>Codecs are chosen as the peer lists them: an answer takes the offer's first format we list and can use
 * (G.711, G.722, Opus), under the offer's payload type. Telephone-event goes with the chosen codec's clock rate
 * (RFC 4733): our offers carry one per clock rate among our codecs ({@code telephone-event/8000} for G.711 and
 * G.722, {@code telephone-event/48000} for Opus).
 */
final class MediaNegotiation {

    private static final Logger LOG = Logger.getLogger(MediaNegotiation.class.getName());

    private final String host;
    private final RtpSession rtp;
    private final List<Codec> codecs;
    private final int offeredEventPayloadType;
    private final Supplier<AudioSource> initialAudio;
    private final long sessionId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
    private final String offeredSrtpSuite;   // null: our offers are plain RTP
    private final boolean srtpWrongKey;
    private final byte[] srtpKey = SrtpContext.newKeyAndSalt();

    // guarded by this
    private long version;
    private String remoteSdp;
    private Codec codec;
    private int eventPayloadType = -1;
    private MediaDirection localDirection = MediaDirection.SENDRECV;
    private MediaDirection remoteDirection;
    private boolean started;
    private String crypto;                   // our a=crypto while the stream is SRTP

    MediaNegotiation(String host, RtpSession rtp, List<Codec> codecs, int offeredEventPayloadType,
            Supplier<AudioSource> initialAudio) {
        this(host, rtp, codecs, offeredEventPayloadType, initialAudio, null, false);
    }

    /**
     * @param offeredSrtpSuite SDES suite of our offers (e.g. AES_CM_128_HMAC_SHA1_80), null for plain RTP
     * @param srtpWrongKey send with another key than the one announced (a broken or hostile phone)
     */
    MediaNegotiation(String host, RtpSession rtp, List<Codec> codecs, int offeredEventPayloadType,
            Supplier<AudioSource> initialAudio, String offeredSrtpSuite, boolean srtpWrongKey) {
        this.offeredSrtpSuite = offeredSrtpSuite;
        this.srtpWrongKey = srtpWrongKey;
        this.host = host;
        this.rtp = rtp;
        this.codecs = codecs;
        this.offeredEventPayloadType = offeredEventPayloadType;
        this.initialAudio = initialAudio;
        for (Codec c : codecs) {
            if (c.isUsable() && c.payloadType() >= 96) {
                rtp.receive(c.payloadType(), c.encoding()); // the peer sends in the types our SDP gives
            }
        }
    }

    /** Our full offer (all our codecs) in the current direction. */
    synchronized String offer() {
        crypto = offeredSrtpSuite == null ? null : "1 " + offeredSrtpSuite + " inline:" + SrtpContext.inline(srtpKey);
        return Sdp.build(host, rtp.localPort(), codecs, Sdp.eventFormatsFor(codecs, offeredEventPayloadType),
                localDirection, sessionId, ++version, crypto);
    }

    /** A re-offer of the negotiated codec in {@code direction} (hold, unhold, new port); applies the direction. */
    synchronized String reoffer(MediaDirection direction) {
        localDirection = direction;
        rtp.setSending(direction.sends());
        List<Codec> offered = codec == null ? codecs : List.of(codec);
        List<Sdp.EventFormat> events = codec != null && eventPayloadType >= 0
                ? List.of(new Sdp.EventFormat(eventPayloadType, codec.clockRate()))
                : Sdp.eventFormatsFor(offered, offeredEventPayloadType);
        return Sdp.build(host, rtp.localPort(), offered, events, direction, sessionId, ++version, crypto);
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
        String answerCrypto = null;
        if (remote.secure()) {
            String theirs = remote.cryptos.stream().filter(MediaNegotiation::usableCrypto).findFirst().orElse(null);
            if (theirs == null) {
                return null; // SRTP without a key we can use
            }
            String[] fields = theirs.split("\\s+");
            answerCrypto = fields[0] + " " + fields[1] + " inline:" + SrtpContext.inline(srtpKey);
            keySrtp(fields[1], theirs);
        } else {
            rtp.setSrtp(null, null);
        }
        crypto = answerCrypto;
        remoteSdp = offerSdp;
        remoteDirection = remote.direction;
        localDirection = remote.direction.answerTo();
        codec = common;
        eventPayloadType = remote.telephoneEventFor(common.clockRate());
        updateTarget(remote);
        List<Sdp.EventFormat> events = eventPayloadType < 0 ? List.of()
                : List.of(new Sdp.EventFormat(eventPayloadType, common.clockRate()));
        return Sdp.build(host, rtp.localPort(), List.of(common), events, localDirection, sessionId, ++version,
                answerCrypto);
    }

    private static boolean usableCrypto(String value) {
        String[] fields = value.split("\\s+");
        return fields.length == 3 && (fields[1].equals("AES_CM_128_HMAC_SHA1_80") || fields[1].equals("AES_CM_128_HMAC_SHA1_32"))
                && fields[2].startsWith("inline:");
    }

    /** SRTP with our key out and {@code theirCrypto}'s key in. */
    private void keySrtp(String suite, String theirCrypto) {
        int tagLength = suite.endsWith("_32") ? 4 : 10;
        String inline = theirCrypto.split("\\s+")[2].substring("inline:".length()).split("\\|")[0];
        byte[] sendKey = srtpWrongKey ? SrtpContext.newKeyAndSalt() : srtpKey;
        rtp.setSrtp(new SrtpContext(sendKey, tagLength),
                new SrtpContext(java.util.Base64.getDecoder().decode(inline), tagLength));
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
            if (crypto != null && offeredSrtpSuite != null && remote.secure()) {
                remote.cryptos.stream().filter(c -> c.startsWith("1 ") && usableCrypto(c)).findFirst()
                        .ifPresentOrElse(c -> keySrtp(c.split("\\s+")[1], c),
                                () -> LOG.warning("SRTP answer without a crypto line for tag 1"));
            }
            remoteSdp = message.body();
            remoteDirection = remote.direction;
            Codec common = remote.firstCommon(codecs);
            if (common != null) {
                codec = common;
            }
            eventPayloadType = codec == null ? remote.telephoneEventPayloadType
                    : remote.telephoneEventFor(codec.clockRate());
            updateTarget(remote);
        }
    }

    // holds this
    private void updateTarget(Sdp.RemoteMedia remote) {
        if (codec == null || remote.address.getPort() == 0) {
            return;
        }
        rtp.setTarget(new RtpSession.Target(remote.address, codec.payloadType(), codec.encoding(), eventPayloadType));
        // send only if we may send and the peer is willing to receive; c=0.0.0.0 is the old (RFC 2543) hold
        rtp.setSending(localDirection.sends() && !remote.address.getAddress().isAnyLocalAddress()
                && (remote.direction == MediaDirection.SENDRECV || remote.direction == MediaDirection.RECVONLY));
    }

    /** Starts sending the call's initial audio, once (early media may have started it already). */
    void start(String callId) {
        if (rtp.target() == null) {
            LOG.warning("call " + callId + " answered without a usable audio stream: not sending media");
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
