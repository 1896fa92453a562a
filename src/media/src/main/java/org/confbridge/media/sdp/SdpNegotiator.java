package org.confbridge.media.sdp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import javax.sdp.SdpFactory;
import org.confbridge.media.srtp.SdesCrypto;
import org.confbridge.media.srtp.SrtpKeys;
import org.confbridge.media.srtp.SrtpSuite;

/**
 * SDP offer/answer (RFC 3264) for one call leg: G.711, G.722 or Opus audio plus RFC 4733 telephone events.
 *
 * <p>One instance per dialog: it keeps the {@code o=} session id and increments the version for
 * every SDP it writes (re-INVITEs), and remembers what it offered so that
 * {@link #acceptAnswer(String)} can check the answer. Not thread-safe: confine an instance to the
 * thread that handles the dialog's signalling (SIP servlets serialise a dialog's messages).
 *
 * <p>Rules: the first audio stream with a format we speak wins and every other {@code m=} line is
 * rejected with port 0; among our formats the offerer's order decides (its preference, RFC 3264 6.1); the
 * answer names exactly one codec (so both sides know what arrives) plus telephone-event on the offered payload
 * type at that codec's clock rate.
 * Hold is honoured: the answer to {@code sendonly} is {@code recvonly}, to {@code inactive} is
 * {@code inactive}, and {@code c=0.0.0.0} stops our sending.
 *
 * <p>SRTP (RFC 4568 SDES): an RTP/SAVP offer is answered RTP/SAVP with the first {@code a=crypto} we speak,
 * under its tag, with a key of ours (one per suite and dialog, so re-INVITEs keep it); a plain offer is answered
 * plain unless {@link SrtpMode#REQUIRED}, which refuses it and makes our own offers RTP/SAVP.
 */
public final class SdpNegotiator {
    /** Payload type we offer for telephone-event/8000 when we write the offer (a common choice). */
    public static final int OFFERED_TELEPHONE_EVENT_PAYLOAD_TYPE = 101;
    /** Payload type we offer for telephone-event/48000 (next to Opus) when we write the offer. */
    public static final int OFFERED_WIDEBAND_TELEPHONE_EVENT_PAYLOAD_TYPE = 110;

    private static final String USER_NAME = "confbridge";

    private final SdpReader reader;
    private final SdpWriter writer;
    private final List<AudioCodec> supportedCodecs;
    private final SrtpMode srtpMode;
    private final Map<SrtpSuite, SdesCrypto> localKeys = new EnumMap<>(SrtpSuite.class);
    private final long sessionId;
    private long sessionVersion;
    private SdesCrypto offeredCrypto;

    /** A negotiator that supports PCMU and PCMA (narrowband only), preferring PCMU in its own offers; SRTP when offered. */
    public SdpNegotiator() {
        this(List.of(AudioCodec.PCMU, AudioCodec.PCMA));
    }

    /** A negotiator with this SRTP policy. */
    public SdpNegotiator(SrtpMode srtpMode) {
        this(List.of(AudioCodec.PCMU, AudioCodec.PCMA), srtpMode);
    }

    /** A negotiator limited to {@code supportedCodecs}, listed in our preference order for offers. */
    public SdpNegotiator(List<AudioCodec> supportedCodecs) {
        this(supportedCodecs, SrtpMode.OPTIONAL);
    }

    public SdpNegotiator(List<AudioCodec> supportedCodecs, SrtpMode srtpMode) {
        if (supportedCodecs.isEmpty()) {
            throw new IllegalArgumentException("at least one codec is required");
        }
        this.srtpMode = Objects.requireNonNull(srtpMode, "srtpMode");
        this.reader = new SdpReader(SdpFactory.getInstance());
        this.writer = new SdpWriter(USER_NAME);
        this.supportedCodecs = List.copyOf(supportedCodecs);
        // RFC 4566: the session id should be an NTP-like unique number; a random positive long will do. It is no
        // secret (every SDP we send shows it), so no SecureRandom: a new one per call took the JVM-wide lock of
        // the platform's generator on every call's setup.
        this.sessionId = ThreadLocalRandom.current().nextLong() & 0x0000_7FFF_FFFF_FFFFL;
        this.sessionVersion = 1;
    }

    /**
     * Answers a remote offer (initial INVITE or re-INVITE).
     *
     * @param offerSdp the offer body
     * @param localAddress the address our RTP socket is reachable on (not the wildcard)
     * @param localRtpPort our RTP port
     * @throws MalformedSdpException the body is not SDP or lacks connection data: reject with 400
     * @throws IncompatibleMediaException no RTP audio stream with a codec we speak offered: reject with 488
     */
    public MediaAnswer answer(String offerSdp, InetAddress localAddress, int localRtpPort)
            throws MalformedSdpException, IncompatibleMediaException {
        requireLocal(localAddress, localRtpPort);
        List<SdpMediaLine> lines = reader.read(offerSdp);
        NegotiatedMedia chosen = null;
        SdesCrypto answeredCrypto = null;
        int chosenIndex = -1;
        boolean plainRefused = false;
        for (int i = 0; i < lines.size() && chosen == null; i++) {
            SdpMediaLine line = lines.get(i);
            if (!line.isUsableAudio()) {
                continue;
            }
            Optional<Integer> payloadType = firstCommonPayloadType(line);
            if (payloadType.isEmpty()) {
                continue;
            }
            if (line.isSecureRtp()) {
                SdesCrypto theirs = line.cryptos().get(0);
                answeredCrypto = localKey(theirs.suite()).withTag(theirs.tag());
                chosen = negotiated(line, payloadType.get(), line.direction().reversed(),
                        new SrtpKeys(answeredCrypto, theirs));
                chosenIndex = i;
            } else if (srtpMode == SrtpMode.REQUIRED) {
                plainRefused = true;
            } else {
                chosen = negotiated(line, payloadType.get(), line.direction().reversed(), null);
                chosenIndex = i;
            }
        }
        if (chosen == null) {
            throw new IncompatibleMediaException(plainRefused
                    ? "SRTP is required (RTP/SAVP with an AES_CM_128_HMAC_SHA1 a=crypto); the offer is plain RTP"
                    : "no RTP/AVP or RTP/SAVP (SDES) audio stream in the offer with a codec we speak "
                            + supportedCodecs.stream().map(AudioCodec::rtpMap).toList());
        }
        List<Object> sections = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            SdpMediaLine line = lines.get(i);
            if (i == chosenIndex) {
                List<SdpWriter.TelephoneEvent> events = chosen.telephoneEventPayloadType() < 0 ? List.of()
                        : List.of(new SdpWriter.TelephoneEvent(chosen.telephoneEventPayloadType(),
                                chosen.codec().rtpClockRate()));
                sections.add(new SdpWriter.AudioSection(localRtpPort,
                        List.of(new SdpWriter.Format(chosen.payloadType(), chosen.codec())), events,
                        answerDirection(line), answeredCrypto));
            } else {
                sections.add(new SdpWriter.RejectedSection(line.mediaType(), line.protocol(), line.formats()));
            }
        }
        String sdp = writer.write(localAddress, sessionId, sessionVersion++, sections);
        return new MediaAnswer(sdp, chosen);
    }

    /**
     * Writes our offer (late offer: INVITE without SDP, or an outbound call): all supported codecs
     * in preference order, telephone-event on {@value #OFFERED_TELEPHONE_EVENT_PAYLOAD_TYPE}, sendrecv;
     * RTP/SAVP with an AES_CM_128_HMAC_SHA1_80 key when SRTP is required, else plain RTP/AVP.
     */
    public String offer(InetAddress localAddress, int localRtpPort) {
        requireLocal(localAddress, localRtpPort);
        offeredCrypto = srtpMode == SrtpMode.REQUIRED ? localKey(SrtpSuite.AES_CM_128_HMAC_SHA1_80).withTag(1) : null;
        List<SdpWriter.Format> formats = new ArrayList<>();
        java.util.Set<Integer> clocks = new java.util.TreeSet<>();
        for (AudioCodec codec : supportedCodecs) {
            formats.add(new SdpWriter.Format(codec.offeredPayloadType(), codec));
            clocks.add(codec.rtpClockRate());
        }
        List<SdpWriter.TelephoneEvent> events = new ArrayList<>();
        for (int clock : clocks) {
            events.add(new SdpWriter.TelephoneEvent(clock == AudioCodec.NARROWBAND_CLOCK_RATE
                    ? OFFERED_TELEPHONE_EVENT_PAYLOAD_TYPE : OFFERED_WIDEBAND_TELEPHONE_EVENT_PAYLOAD_TYPE, clock));
        }
        List<Object> sections = List.of(new SdpWriter.AudioSection(localRtpPort, formats, events,
                MediaDirection.SENDRECV, offeredCrypto));
        return writer.write(localAddress, sessionId, sessionVersion++, sections);
    }

    /**
     * Reads the remote answer to our last {@link #offer}.
     *
     * @throws MalformedSdpException the answer is not SDP or lacks connection data
     * @throws IncompatibleMediaException the answer rejected audio or picked a codec we did not offer
     */
    public NegotiatedMedia acceptAnswer(String answerSdp) throws MalformedSdpException, IncompatibleMediaException {
        List<SdpMediaLine> lines = reader.read(answerSdp);
        SdpMediaLine audio = lines.get(0);
        if (!"audio".equalsIgnoreCase(audio.mediaType())) {
            throw new IncompatibleMediaException("answer's first stream is " + audio.mediaType() + ", not audio");
        }
        if (!audio.isUsableAudio()) {
            throw new IncompatibleMediaException("answer rejected the audio stream (port "
                    + audio.port() + ", " + audio.protocol() + ")");
        }
        Optional<Integer> payloadType = firstCommonPayloadType(audio);
        if (payloadType.isEmpty()) {
            throw new IncompatibleMediaException("answer names no codec we offered: " + audio.formats());
        }
        SrtpKeys keys = null;
        if (offeredCrypto != null) {
            SdesCrypto theirs = audio.cryptos().stream().filter(c -> c.tag() == offeredCrypto.tag()
                    && c.suite() == offeredCrypto.suite()).findFirst().orElse(null);
            if (!audio.isSecureRtp() || theirs == null) {
                throw new IncompatibleMediaException("we offered SRTP (crypto tag " + offeredCrypto.tag()
                        + "); the answer is " + audio.protocol() + " without a matching a=crypto");
            }
            keys = new SrtpKeys(offeredCrypto, theirs);
        } else if (audio.isSecureRtp()) {
            throw new IncompatibleMediaException("we offered plain RTP; the answer is " + audio.protocol());
        }
        return negotiated(audio, payloadType.get(), audio.direction().reversed(), keys);
    }

    /** Our master key for {@code suite}: one per dialog, so a re-INVITE's answer keeps the stream's key. */
    private SdesCrypto localKey(SrtpSuite suite) {
        return localKeys.computeIfAbsent(suite, s -> SdesCrypto.random(1, s));
    }

    /** The first format of the line, in its writer's order, that is a codec we support. */
    private Optional<Integer> firstCommonPayloadType(SdpMediaLine line) {
        for (String format : line.formats()) {
            int payloadType = SdpMediaLine.parsePayloadType(format);
            if (payloadType < 0) {
                continue;
            }
            Optional<AudioCodec> codec = line.codecFor(payloadType);
            if (codec.isPresent() && supportedCodecs.contains(codec.get())) {
                return Optional.of(payloadType);
            }
        }
        return Optional.empty();
    }

    private NegotiatedMedia negotiated(SdpMediaLine line, int payloadType, MediaDirection ourDirection, SrtpKeys srtp)
            throws MalformedSdpException {
        AudioCodec codec = line.codecFor(payloadType).orElseThrow();
        MediaDirection direction = line.isHeldByNullAddress() ? ourDirection.withoutSending() : ourDirection;
        InetSocketAddress remote = new InetSocketAddress(parseAddress(line.connectionAddress()), line.port());
        // RFC 4733 2.1: events run on the audio's clock, so only telephone-event at the codec's rate goes with it
        return new NegotiatedMedia(remote, codec, payloadType, line.telephoneEventPayloadType(codec.rtpClockRate()),
                direction, line.ptimeMillis(), srtp);
    }

    /** Our direction in an answer: the offer's reversed; with c=0.0.0.0 we cannot send either. */
    private static MediaDirection answerDirection(SdpMediaLine line) {
        MediaDirection direction = line.direction().reversed();
        return line.isHeldByNullAddress() ? direction.withoutSending() : direction;
    }

    /**
     * Parses the connection address. IP literals are converted without any lookup; a host name
     * (allowed by RFC 4566, rare in practice) is resolved once, here, so the media path never blocks on DNS.
     */
    private static InetAddress parseAddress(String address) throws MalformedSdpException {
        Objects.requireNonNull(address, "address");
        if (looksLikeIpv4(address) && !isValidIpv4(address)) {
            // InetAddress would fall back to a DNS lookup for "999.1.1.1"; refuse it here instead.
            throw new MalformedSdpException("invalid IPv4 connection address: " + address);
        }
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new MalformedSdpException("connection address cannot be resolved: " + address, e);
        }
    }

    private static boolean looksLikeIpv4(String address) {
        return address.matches("[0-9.]+");
    }

    private static boolean isValidIpv4(String address) {
        if (!address.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return false;
        }
        for (String octet : address.split("\\.")) {
            if (Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    private static void requireLocal(InetAddress localAddress, int localRtpPort) {
        Objects.requireNonNull(localAddress, "localAddress");
        if (localAddress.isAnyLocalAddress()) {
            throw new IllegalArgumentException("the SDP needs a reachable address, not the wildcard");
        }
        if (localRtpPort <= 0 || localRtpPort > 65535) {
            throw new IllegalArgumentException("RTP port out of range: " + localRtpPort);
        }
    }
}
