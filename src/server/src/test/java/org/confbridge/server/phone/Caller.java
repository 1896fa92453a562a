package org.confbridge.server.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confbridge.server.media.ConferenceFixture.HEARD_DBFS;
import static org.confbridge.server.media.ConferenceFixture.NOT_HEARD_DBFS;
import static org.confbridge.server.media.ConferenceFixture.SEND_DBFS;

import java.time.Duration;
import java.util.List;
import org.confbridge.server.media.ConferenceFixture;
import org.confbridge.testkit.Call;
import org.confbridge.testkit.CallOptions;
import org.confbridge.testkit.CallState;
import org.confbridge.testkit.DtmfMode;
import org.confbridge.testkit.TestPhone;
import org.confbridge.testkit.rtp.AudioMark;

/**
 * One test caller in a conference: dials in (silent, or sending its own tone), presses keys, and
 * answers "what did I hear since my last mark" as words (see {@link Transcriber}).
 */
final class Caller {

    static final Duration PROMPT_TIMEOUT = Duration.ofSeconds(20);
    static final Duration TONE_TIMEOUT = Duration.ofSeconds(8);

    final Call call;
    private volatile AudioMark mark = new AudioMark(Long.MIN_VALUE);

    private Caller(Call call) {
        this.call = call;
    }

    /** Dials in sending silence. */
    static Caller silent(ConferenceFixture fixture, TestPhone phone, ConferenceFixture.Conference conference)
            throws Exception {
        return new Caller(fixture.dial(phone, conference, CallOptions.defaults()));
    }

    /** Dials in sending a tone of {@code hz}. */
    static Caller withTone(ConferenceFixture fixture, TestPhone phone, ConferenceFixture.Conference conference,
                           double hz) throws Exception {
        return new Caller(fixture.dial(phone, conference, hz));
    }

    /** Dials in and enters {@code pin} at once (while the PIN request still plays: keys must not be lost). */
    static Caller withPin(ConferenceFixture fixture, TestPhone phone, ConferenceFixture.Conference conference,
                          String pin, DtmfMode mode) throws Exception {
        Caller caller = silent(fixture, phone, conference);
        caller.keys(pin + "#", mode);
        return caller;
    }

    /** Forgets what was heard so far: later checks look only at audio from now on. */
    Caller mark() {
        mark = AudioMark.now();
        return this;
    }

    void keys(String keys, DtmfMode mode) throws InterruptedException {
        call.sendDigits(keys, mode, Duration.ofMillis(120), Duration.ofMillis(100));
    }

    void keys(String keys) throws InterruptedException {
        keys(keys, DtmfMode.RFC4733);
    }

    void sendTone(double hz) {
        call.sendTone(hz, SEND_DBFS);
    }

    void sendSilence() {
        call.sendSilence();
    }

    /** Waits until {@code word} was heard since the mark; returns everything heard since. */
    List<String> awaitHears(String word) throws InterruptedException {
        return Transcriber.awaitWord(call, mark, word, PROMPT_TIMEOUT);
    }

    /** Waits until the words heard since the mark end with {@code words} (in this order). */
    List<String> awaitHearsInOrder(String... words) throws InterruptedException {
        long deadline = System.nanoTime() + PROMPT_TIMEOUT.toNanos();
        List<String> heard;
        do {
            heard = heard();
            if (containsInOrder(heard, List.of(words))) {
                return heard;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("did not hear " + List.of(words) + " in order; heard " + heard
                + " (audio saved in " + Transcriber.saveForInspection(call) + ")");
    }

    List<String> heard() {
        return Transcriber.heard(call, mark);
    }

    /** Waits until the tone of {@code hz} is heard (another caller is audible). */
    void awaitHearsTone(double hz) throws InterruptedException {
        assertThat(call.audio().awaitTone(hz, HEARD_DBFS, TONE_TIMEOUT))
                .as("hears %.0f Hz, level now %.1f dBFS", hz, call.audio().toneLevel(hz, Duration.ofMillis(200)))
                .isTrue();
    }

    /** Waits until the tone of {@code hz} is gone, then checks it stays gone for {@code window}. */
    void awaitStopsHearingTone(double hz, Duration window) throws InterruptedException {
        assertThat(call.audio().awaitNoTone(hz, NOT_HEARD_DBFS, TONE_TIMEOUT)).as("%.0f Hz goes", hz).isTrue();
        assertDoesNotHearTone(hz, window);
    }

    /** Waits until nothing at all is heard (a prompt has finished playing). */
    void awaitQuiet() throws InterruptedException {
        assertThat(call.audio().awaitSilence(NOT_HEARD_DBFS, TONE_TIMEOUT)).as("quiet").isTrue();
    }

    /** Listens for {@code window} from now: the tone of {@code hz} never reaches "heard". */
    void assertDoesNotHearTone(double hz, Duration window) throws InterruptedException {
        AudioMark from = AudioMark.now();
        Thread.sleep(window.toMillis());
        assertThat(call.audio().hearsToneBetween(hz, HEARD_DBFS, from, AudioMark.now()))
                .as("%.0f Hz must not be heard", hz).isFalse();
    }

    /** The server ends the call (BYE) within {@code timeout}. */
    void awaitHungUpByServer(Duration timeout) throws InterruptedException {
        assertThat(call.awaitState(CallState.ENDED, timeout)).as("server hung up").isTrue();
    }

    void hangup() throws InterruptedException {
        call.hangup();
    }

    static boolean containsInOrder(List<String> heard, List<String> words) {
        int next = 0;
        for (String word : heard) {
            if (next < words.size() && word.equals(words.get(next))) {
                next++;
            }
        }
        return next == words.size();
    }
}
