package org.confbridge.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.confbridge.testkit.rtp.AudioSource;

/**
 * How the phone answers INVITEs it receives (when it plays the external phone or gateway):
 * {@code phone.onIncoming(IncomingPolicy.answerAfter(Duration.ofSeconds(1)).sending(() -> AudioSource.tone(700, -20)))}.
 */
public final class IncomingPolicy {

    enum Kind { ANSWER, REJECT, RING_FOREVER, EARLY_MEDIA_THEN_ANSWER }

    private final Kind kind;
    private final int rejectCode;
    private final Duration delay;
    private final List<Codec> codecs;
    private final int telephoneEventPayloadType;
    private final Supplier<AudioSource> audio;

    private IncomingPolicy(Kind kind, int rejectCode, Duration delay, List<Codec> codecs, int telephoneEventPayloadType,
            Supplier<AudioSource> audio) {
        this.kind = kind;
        this.rejectCode = rejectCode;
        this.delay = delay;
        this.codecs = codecs;
        this.telephoneEventPayloadType = telephoneEventPayloadType;
        this.audio = audio;
    }

    private static IncomingPolicy of(Kind kind, int code, Duration delay) {
        return new IncomingPolicy(kind, code, delay, List.of(Codec.PCMU, Codec.PCMA), 101, AudioSource::silence);
    }

    /** 180 Ringing, then 200 OK at once. */
    public static IncomingPolicy answer() {
        return of(Kind.ANSWER, 0, Duration.ZERO);
    }

    /** 180 Ringing, then 200 OK after {@code ringing}. */
    public static IncomingPolicy answerAfter(Duration ringing) {
        return of(Kind.ANSWER, 0, requireNonNegative(ringing));
    }

    /** 486 Busy Here. */
    public static IncomingPolicy busy() {
        return reject(486);
    }

    /** A final failure response, 300..699 (e.g. 404, 480, 503, 603). */
    public static IncomingPolicy reject(int statusCode) {
        if (statusCode < 300 || statusCode > 699) {
            throw new IllegalArgumentException("reject needs a final failure code 300..699: " + statusCode);
        }
        return of(Kind.REJECT, statusCode, Duration.ZERO);
    }

    /** 180 Ringing and nothing more: the caller must CANCEL (answered with 487). */
    public static IncomingPolicy ringForever() {
        return of(Kind.RING_FOREVER, 0, Duration.ZERO);
    }

    /** 183 Session Progress with SDP, media (early) for {@code earlyMedia}, then 200 OK with the same SDP. */
    public static IncomingPolicy earlyMediaThenAnswer(Duration earlyMedia) {
        return of(Kind.EARLY_MEDIA_THEN_ANSWER, 0, requireNonNegative(earlyMedia));
    }

    /** The formats accepted, in preference order (the answer takes the first of the offer's order we accept). */
    public IncomingPolicy codecs(Codec... accepted) {
        if (accepted.length == 0) {
            throw new IllegalArgumentException("accept at least one codec");
        }
        return new IncomingPolicy(kind, rejectCode, delay, List.of(accepted), telephoneEventPayloadType, audio);
    }

    /** What the phone sends once it answers (or during early media). */
    public IncomingPolicy sending(Supplier<AudioSource> source) {
        return new IncomingPolicy(kind, rejectCode, delay, codecs, telephoneEventPayloadType, Objects.requireNonNull(source));
    }

    /** Shorthand for sending a tone at {@code freqHz} and {@code dbfs}. */
    public IncomingPolicy sendingTone(double freqHz, double dbfs) {
        AudioSource.tone(freqHz, dbfs);
        return sending(() -> AudioSource.tone(freqHz, dbfs));
    }

    Kind kind() {
        return kind;
    }

    int rejectCode() {
        return rejectCode;
    }

    Duration delay() {
        return delay;
    }

    List<Codec> codecs() {
        return codecs;
    }

    /** Used only for late-offer INVITEs, where the phone makes the offer in its 200. */
    int telephoneEventPayloadType() {
        return telephoneEventPayloadType;
    }

    Supplier<AudioSource> audio() {
        return audio;
    }

    private static Duration requireNonNegative(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative: " + d);
        }
        return d;
    }

    @Override
    public String toString() {
        return kind + (kind == Kind.REJECT ? " " + rejectCode : "") + (delay.isZero() ? "" : " after " + delay);
    }
}
