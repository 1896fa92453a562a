package org.confbridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.confbridge.testkit.rtp.AudioEncoding;
import org.confbridge.testkit.rtp.ReceivedAudio;
import org.confbridge.testkit.rtp.ReceivedDigits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two test phones in G.722 or Opus on loopback: 16 kHz audio both ways, RFC 4733 keys in the codec's clock. */
class WidebandCallTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration HALF_SECOND = Duration.ofMillis(500);

    private TestPhone alice;
    private TestPhone bob;

    @BeforeEach
    void startPhones() throws Exception {
        alice = TestPhone.start();
        bob = TestPhone.start();
    }

    @AfterEach
    void closePhones() {
        alice.close();
        bob.close();
    }

    @Test
    void g722PhonesHearEachOthers6kHzAnd440HzTones() throws Exception {
        bob.onIncoming(IncomingPolicy.answer().codecs(Codec.G722).sendingTone(6000, -20));
        Call outgoing = alice.call(bob.uri("bob"), CallOptions.defaults().codecs(Codec.G722).sendingTone(440, -20));
        outgoing.expectState(CallState.ANSWERED, WAIT);
        Call incoming = bob.awaitIncomingCall(WAIT);
        assertThat(outgoing.codec()).isEqualTo(Codec.G722);
        assertThat(incoming.codec()).isEqualTo(Codec.G722);
        assertThat(outgoing.remoteSdp()).contains("a=rtpmap:9 G722/8000", "telephone-event/8000");

        assertHearEachOther(outgoing, incoming, 0.5);
        assertFrames(outgoing.audio(), 9, 320, 160);
        assertFrames(incoming.audio(), 9, 320, 160);
    }

    @Test
    void opusPhonesHearEachOthers6kHzAnd440HzTones() throws Exception {
        bob.onIncoming(IncomingPolicy.answer().codecs(Codec.OPUS).sendingTone(6000, -20));
        Call outgoing = alice.call(bob.uri("bob"), CallOptions.defaults().codecs(Codec.OPUS).sendingTone(440, -20));
        outgoing.expectState(CallState.ANSWERED, WAIT);
        Call incoming = bob.awaitIncomingCall(WAIT);
        assertThat(outgoing.codec()).isEqualTo(Codec.OPUS);
        assertThat(outgoing.codec().encoding()).isEqualTo(AudioEncoding.OPUS);
        assertThat(incoming.invite().body()).contains("a=rtpmap:111 opus/48000/2", "a=fmtp:111 useinbandfec=0",
                "telephone-event/48000");

        // SILK lifts a 6 kHz tone by about 2 dB (see the media module's OpusCodecTest)
        assertHearEachOther(outgoing, incoming, 2.5);
        assertFrames(outgoing.audio(), 111, 320, 960);
        assertFrames(incoming.audio(), 111, 320, 960);
    }

    @Test
    void aKeySentInOpusArrivesAsTelephoneEventAt48kHz() throws Exception {
        bob.onIncoming(IncomingPolicy.answer().codecs(Codec.OPUS));
        Call outgoing = alice.call(bob.uri("bob"), CallOptions.defaults().codecs(Codec.OPUS));
        outgoing.expectState(CallState.ANSWERED, WAIT);
        Call incoming = bob.awaitIncomingCall(WAIT);
        incoming.expectState(CallState.ANSWERED, WAIT);
        assertThat(outgoing.remoteSdp()).contains("a=rtpmap:101 telephone-event/48000")
                .doesNotContain("telephone-event/8000");

        outgoing.sendDigits("5#", DtmfMode.RFC4733, Duration.ofMillis(100), Duration.ofMillis(160));

        ReceivedDigits heard = incoming.rfc4733Digits();
        assertThat(heard.awaitKeys(2, WAIT)).isEqualTo("5#");
        Thread.sleep(100);
        for (ReceivedDigits.Digit d : heard.digits()) {
            assertThat(d.clockRate()).isEqualTo(48000);
            assertThat(d.endDuration()).as("8 packets of 960").isEqualTo(8 * 960);
            assertThat(d.endDurationMillis()).isEqualTo(160);
            assertThat(d.packets()).isEqualTo(11);
        }
    }

    @Test
    void aKeySentInG722CountsInThe8kHzClock() throws Exception {
        bob.onIncoming(IncomingPolicy.answer().codecs(Codec.G722));
        Call outgoing = alice.call(bob.uri("bob"), CallOptions.defaults().codecs(Codec.G722));
        outgoing.expectState(CallState.ANSWERED, WAIT);
        Call incoming = bob.awaitIncomingCall(WAIT);
        incoming.expectState(CallState.ANSWERED, WAIT);

        outgoing.sendDigits("7", DtmfMode.RFC4733, Duration.ofMillis(100), Duration.ofMillis(160));

        ReceivedDigits heard = incoming.rfc4733Digits();
        assertThat(heard.awaitKeys(1, WAIT)).isEqualTo("7");
        Thread.sleep(100);
        assertThat(heard.digits().get(0).clockRate()).isEqualTo(8000);
        assertThat(heard.digits().get(0).endDuration()).isEqualTo(8 * 160);
    }

    @Test
    void anOfferOfOpusAndPcmuCarriesATelephoneEventPerClockAndTheAnswerKeepsTheOneOfTheChosenCodec() throws Exception {
        bob.onIncoming(IncomingPolicy.answer().codecs(Codec.PCMU).sendingTone(500, -20));
        Call outgoing = alice.call(bob.uri("bob"), CallOptions.defaults().codecs(Codec.OPUS, Codec.PCMU));
        outgoing.expectState(CallState.ANSWERED, WAIT);
        Call incoming = bob.awaitIncomingCall(WAIT);
        incoming.expectState(CallState.ANSWERED, WAIT);
        assertThat(incoming.invite().body()).contains("a=rtpmap:101 telephone-event/48000",
                "a=rtpmap:110 telephone-event/8000");
        assertThat(outgoing.codec()).isEqualTo(Codec.PCMU);
        assertThat(outgoing.telephoneEventPayloadType()).isEqualTo(110);
        assertThat(outgoing.remoteSdp()).contains("a=rtpmap:110 telephone-event/8000")
                .doesNotContain("opus", "telephone-event/48000");
        assertThat(outgoing.audio().awaitTone(500, -26, WAIT)).isTrue();
        assertThat(outgoing.audio().sampleRate()).isEqualTo(8000);

        outgoing.sendDigits("3", DtmfMode.RFC4733, Duration.ofMillis(100), Duration.ofMillis(160));
        assertThat(incoming.rfc4733Digits().awaitKeys(1, WAIT)).isEqualTo("3");
    }

    @Test
    void anAnswererTakesTheFirstCodecOfTheOfferItSupports() throws Exception {
        bob.onIncoming(IncomingPolicy.answer().codecs(Codec.PCMU, Codec.G722, Codec.OPUS));
        Call outgoing = alice.call(bob.uri("bob"), CallOptions.defaults().codecs(Codec.of(18, "G729", 8000),
                Codec.OPUS, Codec.G722, Codec.PCMU));
        outgoing.expectState(CallState.ANSWERED, WAIT);
        assertThat(outgoing.codec()).isEqualTo(Codec.OPUS);
    }

    @Test
    void opusOnAnotherDynamicPayloadTypeIsTheOffersNumber() throws Exception {
        bob.onIncoming(IncomingPolicy.answer().codecs(Codec.OPUS).sendingTone(1000, -20));
        Call outgoing = alice.call(bob.uri("bob"), CallOptions.defaults().codecs(Codec.of(98, "opus", 48000))
                .sendingTone(700, -20));
        outgoing.expectState(CallState.ANSWERED, WAIT);
        Call incoming = bob.awaitIncomingCall(WAIT);
        assertThat(incoming.codec().payloadType()).isEqualTo(98);
        assertThat(outgoing.remoteSdp()).contains("a=rtpmap:98 opus/48000/2");
        assertThat(outgoing.audio().awaitTone(1000, -26, WAIT)).isTrue();
        assertThat(incoming.audio().awaitTone(700, -26, WAIT)).isTrue();
    }

    @Test
    void narrowbandPcmIsUpsampledOnAWidebandCall() throws Exception {
        bob.onIncoming(IncomingPolicy.answer().codecs(Codec.G722));
        Call outgoing = alice.call(bob.uri("bob"), CallOptions.defaults().codecs(Codec.G722));
        outgoing.expectState(CallState.ANSWERED, WAIT);
        Call incoming = bob.awaitIncomingCall(WAIT);
        short[] pcm = new short[8000];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) Math.round(6000 * Math.sin(2 * Math.PI * 800 * i / 8000.0));
        }
        outgoing.sendPcm(pcm, true);
        assertThat(incoming.audio().awaitTone(800, -18, WAIT)).isTrue();
        assertThat(incoming.audio().toneLevel(800, HALF_SECOND)).isBetween(-16.0, -14.0);
    }

    @Test
    void a6kHzToneIsNotSentOnAG711Call() throws Exception {
        bob.onIncoming(IncomingPolicy.answer().sendingTone(6000, -20));
        Call outgoing = alice.call(bob.uri("bob"));
        outgoing.expectState(CallState.ANSWERED, WAIT);
        assertThat(outgoing.codec()).isEqualTo(Codec.PCMU);
        assertThat(outgoing.audio().awaitSilence(-60, WAIT)).as("a narrowband phone cannot say 6 kHz").isTrue();
    }

    /** Alice sends 440 Hz and Bob 6 kHz at -20 dBFS; each hears the other's within {@code toleranceDb}. */
    private static void assertHearEachOther(Call outgoing, Call incoming, double toleranceDb) throws InterruptedException {
        assertThat(outgoing.audio().awaitTone(6000, -26, WAIT)).as("alice hears bob's 6 kHz").isTrue();
        assertThat(incoming.audio().awaitTone(440, -26, WAIT)).as("bob hears alice's 440 Hz").isTrue();
        Thread.sleep(300);
        assertThat(outgoing.audio().sampleRate()).isEqualTo(16000);
        assertThat(outgoing.audio().toneLevel(6000, HALF_SECOND)).isBetween(-20 - toleranceDb, -20 + toleranceDb);
        assertThat(incoming.audio().toneLevel(440, HALF_SECOND)).isBetween(-20 - toleranceDb, -20 + toleranceDb);
        assertThat(outgoing.audio().toneLevel(440, HALF_SECOND)).as("alice's own tone").isLessThan(-50);
        assertThat(incoming.audio().toneLevel(6000, HALF_SECOND)).as("bob's own tone").isLessThan(-50);

        // and the other way round: each switches tones
        outgoing.sendTone(6000, -20);
        incoming.sendTone(440, -20);
        assertThat(incoming.audio().awaitTone(6000, -26, WAIT)).as("bob hears alice's 6 kHz").isTrue();
        assertThat(outgoing.audio().awaitTone(440, -26, WAIT)).as("alice hears bob's 440 Hz").isTrue();
    }

    /** The last frames: the payload type, 20 ms of 16 kHz samples each, timestamps whole frames of the RTP clock apart. */
    private static void assertFrames(ReceivedAudio audio, int payloadType, int samples, int timestampStep) {
        List<ReceivedAudio.Frame> frames = audio.frames();
        assertThat(frames.size()).isGreaterThan(20);
        List<ReceivedAudio.Frame> last = frames.subList(frames.size() - 10, frames.size());
        for (int i = 0; i < last.size(); i++) {
            ReceivedAudio.Frame f = last.get(i);
            assertThat(f.payloadType()).isEqualTo(payloadType);
            assertThat(f.sampleCount()).isEqualTo(samples);
            assertThat(f.sampleRate()).isEqualTo(16000);
            if (i > 0 && f.sequence() == ((last.get(i - 1).sequence() + 1) & 0xffff)) {
                // a frame of the clock apart; a sender that stalled (a loaded machine) jumps by whole frames
                long step = f.timestamp() - last.get(i - 1).timestamp();
                assertThat(step).isPositive();
                assertThat(step % timestampStep).as("timestamp step %d in frames of %d", step, timestampStep).isZero();
            }
        }
    }
}
