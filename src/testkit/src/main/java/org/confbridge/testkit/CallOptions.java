package org.confbridge.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.confbridge.testkit.rtp.AudioSource;

/**
 * How an outgoing call is placed. Immutable; each {@code withX} returns a changed copy:
 * {@code CallOptions.defaults().codecs(Codec.PCMA).from("alice", "Alice").sending(() -> AudioSource.tone(440, -20))}.
 */
public final class CallOptions {

    private final List<Codec> codecs;
    private final int telephoneEventPayloadType;
    private final boolean lateOffer;
    private final SipTransport transport;
    private final String fromUser;
    private final String fromDisplayName;
    private final Supplier<AudioSource> audio;
    private final Duration answerTimeout;
    private final String srtpSuite;
    private final boolean srtpWrongKey;

    private CallOptions(List<Codec> codecs, int telephoneEventPayloadType, boolean lateOffer, SipTransport transport,
            String fromUser, String fromDisplayName, Supplier<AudioSource> audio, Duration answerTimeout) {
        this(codecs, telephoneEventPayloadType, lateOffer, transport, fromUser, fromDisplayName, audio, answerTimeout,
                null, false);
    }

    private CallOptions(List<Codec> codecs, int telephoneEventPayloadType, boolean lateOffer, SipTransport transport,
            String fromUser, String fromDisplayName, Supplier<AudioSource> audio, Duration answerTimeout,
            String srtpSuite, boolean srtpWrongKey) {
        this.srtpSuite = srtpSuite;
        this.srtpWrongKey = srtpWrongKey;
        this.codecs = codecs;
        this.telephoneEventPayloadType = telephoneEventPayloadType;
        this.lateOffer = lateOffer;
        this.transport = transport;
        this.fromUser = fromUser;
        this.fromDisplayName = fromDisplayName;
        this.audio = audio;
        this.answerTimeout = answerTimeout;
    }

    /** PCMU then PCMA, telephone-event on 101, SDP in the INVITE, UDP, From "testphone", sending silence. */
    public static CallOptions defaults() {
        return new CallOptions(List.of(Codec.PCMU, Codec.PCMA), 101, false, SipTransport.UDP, "testphone", null,
                AudioSource::silence, Duration.ofSeconds(60));
    }

    /**
     * The formats offered, in order of preference, e.g. {@code codecs(Codec.G722)} or {@code codecs(Codec.OPUS,
     * Codec.PCMU)} for a wideband phone, or only {@code Codec.of(18, "G729", 8000)} to provoke 488.
     */
    public CallOptions codecs(Codec... offered) {
        if (offered.length == 0) {
            throw new IllegalArgumentException("offer at least one codec");
        }
        return new CallOptions(List.of(offered), telephoneEventPayloadType, lateOffer, transport, fromUser,
                fromDisplayName, audio, answerTimeout, srtpSuite, srtpWrongKey);
    }

    /**
     * The payload type offered for telephone-event (RFC 4733), 96..127. Events count in the audio codec's clock:
     * when the codecs offered have two clock rates (Opus's 48000 and G.711's or G.722's 8000), this type goes
     * with the first codec's rate and the other rate gets the first free type from 110 up.
     */
    public CallOptions telephoneEvent(int payloadType) {
        if (payloadType < 96 || payloadType > 127) {
            throw new IllegalArgumentException("telephone-event needs a dynamic payload type 96..127: " + payloadType);
        }
        return new CallOptions(codecs, payloadType, lateOffer, transport, fromUser, fromDisplayName, audio,
                answerTimeout, srtpSuite, srtpWrongKey);
    }

    /** Offers no telephone-event at all (RFC 4733 DTMF then impossible; INFO still works). */
    public CallOptions noTelephoneEvent() {
        return new CallOptions(codecs, -1, lateOffer, transport, fromUser, fromDisplayName, audio, answerTimeout, srtpSuite, srtpWrongKey);
    }

    /** INVITE without SDP: the peer offers in its 2xx, the phone answers in the ACK. */
    public CallOptions lateOffer() {
        return new CallOptions(codecs, telephoneEventPayloadType, true, transport, fromUser, fromDisplayName, audio,
                answerTimeout, srtpSuite, srtpWrongKey);
    }

    public CallOptions transport(SipTransport t) {
        return new CallOptions(codecs, telephoneEventPayloadType, lateOffer, Objects.requireNonNull(t), fromUser,
                fromDisplayName, audio, answerTimeout, srtpSuite, srtpWrongKey);
    }

    /** The From user part and display name (null for none). */
    public CallOptions from(String user, String displayName) {
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("From user must not be blank");
        }
        return new CallOptions(codecs, telephoneEventPayloadType, lateOffer, transport, user, displayName, audio,
                answerTimeout, srtpSuite, srtpWrongKey);
    }

    /** What the phone sends once answered; a supplier because sources keep state (phase). */
    public CallOptions sending(Supplier<AudioSource> source) {
        return new CallOptions(codecs, telephoneEventPayloadType, lateOffer, transport, fromUser, fromDisplayName,
                Objects.requireNonNull(source), answerTimeout, srtpSuite, srtpWrongKey);
    }

    /** Shorthand for sending a tone at {@code freqHz} and {@code dbfs} once answered. */
    public CallOptions sendingTone(double freqHz, double dbfs) {
        AudioSource.tone(freqHz, dbfs); // validate now, not on the sender thread
        return sending(() -> AudioSource.tone(freqHz, dbfs));
    }

    /** How long the phone lets the INVITE ring before it CANCELs by itself (default 60 s). */
    public CallOptions answerTimeout(Duration timeout) {
        return new CallOptions(codecs, telephoneEventPayloadType, lateOffer, transport, fromUser, fromDisplayName,
                audio, Objects.requireNonNull(timeout), srtpSuite, srtpWrongKey);
    }

    /** Offer SRTP (RTP/SAVP, SDES) with this suite: AES_CM_128_HMAC_SHA1_80 or AES_CM_128_HMAC_SHA1_32. */
    public CallOptions srtp(String suite) {
        if (!suite.equals("AES_CM_128_HMAC_SHA1_80") && !suite.equals("AES_CM_128_HMAC_SHA1_32")) {
            throw new IllegalArgumentException("the test phone speaks AES_CM_128_HMAC_SHA1_80/_32, not " + suite);
        }
        return new CallOptions(codecs, telephoneEventPayloadType, lateOffer, transport, fromUser, fromDisplayName, audio,
                answerTimeout, suite, srtpWrongKey);
    }

    /** Offer SRTP but encrypt with another key than the one announced (what the server hears is garbage). */
    public CallOptions srtpWithWrongKey() {
        return new CallOptions(codecs, telephoneEventPayloadType, lateOffer, transport, fromUser, fromDisplayName, audio,
                answerTimeout, srtpSuite == null ? "AES_CM_128_HMAC_SHA1_80" : srtpSuite, true);
    }

    String srtpSuite() {
        return srtpSuite;
    }

    boolean srtpWrongKey() {
        return srtpWrongKey;
    }

    public List<Codec> codecs() {
        return codecs;
    }

    /** -1 when no telephone-event is offered. */
    public int telephoneEventPayloadType() {
        return telephoneEventPayloadType;
    }

    public boolean isLateOffer() {
        return lateOffer;
    }

    public SipTransport transport() {
        return transport;
    }

    public String fromUser() {
        return fromUser;
    }

    public String fromDisplayName() {
        return fromDisplayName;
    }

    Supplier<AudioSource> audio() {
        return audio;
    }

    public Duration answerTimeout() {
        return answerTimeout;
    }
}
