package org.confbridge.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confbridge.server.media.ConferenceFixture.HEARD_DBFS;
import static org.confbridge.server.media.ConferenceFixture.NOT_HEARD_DBFS;
import static org.confbridge.server.media.ConferenceFixture.SEND_DBFS;

import java.time.Duration;
import java.util.List;
import org.confbridge.server.RunningServer;
import org.confbridge.server.SharedServer;
import org.confbridge.testkit.Call;
import org.confbridge.testkit.CallOptions;
import org.confbridge.testkit.Codec;
import org.confbridge.testkit.DtmfMode;
import org.confbridge.testkit.TestPhone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 14 with the test phone as a wideband phone: an Opus caller, a G.722 caller and a G.711 caller in one
 * room. The server answers each in the codec it offered first; 6 kHz passes between the wideband callers only;
 * keys sent as RFC 4733 events at 48 kHz (Opus) and 8 kHz (G.722) mute and unmute; an uploaded 48 kHz sound is
 * stored at 16 kHz and a wideband caller alone hears its 6 kHz in the music on hold.
 */
@ExtendWith(SharedServer.class)
class WidebandCallsIT {

    private static final double WIDE = 6000;
    private static final double ALICE = 700;   // Opus
    private static final double BOB = 1300;    // G.722
    private static final double CAROL = 440;   // G.711
    private static final Duration HEAR = Duration.ofSeconds(8);
    private static final Duration MEASURE = Duration.ofMillis(600);

    @Test
    void opusG722AndG711CallersShareARoomAndTheirKeysWorkInEveryCodec(RunningServer server) throws Exception {
        ConferenceFixture fixture = new ConferenceFixture(server);
        ConferenceFixture.Conference conference = fixture.create(null);
        try (TestPhone phone = TestPhone.start()) {
            Call alice = fixture.dial(phone, conference, CallOptions.defaults().codecs(Codec.OPUS, Codec.PCMU)
                    .sending(() -> org.confbridge.testkit.rtp.AudioSource.tones(SEND_DBFS, ALICE, WIDE)));
            Call bob = fixture.dial(phone, conference, CallOptions.defaults().codecs(Codec.G722, Codec.PCMU)
                    .sendingTone(BOB, SEND_DBFS));
            Call carol = fixture.dial(phone, conference, CallOptions.defaults().codecs(Codec.PCMU, Codec.G722)
                    .sendingTone(CAROL, SEND_DBFS));
            assertThat(alice.remoteSdp()).as("the caller's first choice").contains("opus/48000/2")
                    .contains("telephone-event/48000");
            assertThat(bob.remoteSdp()).contains("G722/8000").doesNotContain("PCMU");
            assertThat(carol.remoteSdp()).contains("PCMU/8000").doesNotContain("G722");

            assertThat(bob.audio().awaitTone(WIDE, HEARD_DBFS, HEAR)).as("G.722 hears Opus's 6 kHz").isTrue();
            assertThat(bob.audio().awaitTone(ALICE, HEARD_DBFS, HEAR)).isTrue();
            assertThat(bob.audio().awaitTone(CAROL, HEARD_DBFS, HEAR)).isTrue();
            assertThat(alice.audio().awaitTone(BOB, HEARD_DBFS, HEAR)).isTrue();
            assertThat(alice.audio().awaitTone(CAROL, HEARD_DBFS, HEAR)).isTrue();
            assertThat(carol.audio().awaitTone(ALICE, HEARD_DBFS, HEAR)).isTrue();
            assertThat(carol.audio().awaitTone(BOB, HEARD_DBFS, HEAR)).isTrue();
            Thread.sleep(MEASURE.toMillis()); // one whole measuring window with all three in the room
            assertThat(carol.audio().toneLevel(2000, MEASURE)).as("6 kHz folded down for G.711").isLessThan(NOT_HEARD_DBFS);
            assertThat(alice.audio().toneLevel(ALICE, MEASURE)).as("own tone").isLessThan(NOT_HEARD_DBFS);
            assertThat(alice.audio().toneLevel(WIDE, MEASURE)).as("own 6 kHz").isLessThan(NOT_HEARD_DBFS);
            assertThat(bob.audio().toneLevel(BOB, MEASURE)).as("own tone").isLessThan(NOT_HEARD_DBFS);

            alice.sendDigits("*1", DtmfMode.RFC4733); // telephone-event/48000
            assertThat(bob.audio().awaitNoTone(ALICE, NOT_HEARD_DBFS, HEAR)).as("Opus caller muted by *1").isTrue();
            assertThat(carol.audio().awaitNoTone(ALICE, NOT_HEARD_DBFS, HEAR)).isTrue();
            bob.sendDigits("*1", DtmfMode.RFC4733); // telephone-event/8000 next to G.722
            assertThat(carol.audio().awaitNoTone(BOB, NOT_HEARD_DBFS, HEAR)).as("G.722 caller muted by *1").isTrue();
            alice.sendDigits("*1", DtmfMode.RFC4733);
            assertThat(carol.audio().awaitTone(ALICE, HEARD_DBFS, HEAR)).as("and unmuted").isTrue();
            assertThat(bob.audio().awaitTone(WIDE, HEARD_DBFS, HEAR)).isTrue();

            for (Call call : List.of(alice, bob, carol)) {
                call.hangup();
            }
        }
    }

    @Test
    void anUploaded48kHzSoundKeepsItsHighFrequenciesForAWidebandCallerAlone(RunningServer server) throws Exception {
        ConferenceFixture fixture = new ConferenceFixture(server);
        long music = fixture.uploadSound("wide-music-" + System.nanoTime(), sineWav48k(WIDE, 1000, 2000));
        ConferenceFixture.Conference conference = fixture.create("{\"music_on_hold_sound\":" + music + "}");
        try (TestPhone phone = TestPhone.start()) {
            Call alone = fixture.dial(phone, conference, CallOptions.defaults().codecs(Codec.G722));
            assertThat(alone.audio().awaitTone(WIDE, HEARD_DBFS, HEAR)).as("6 kHz of the music on hold").isTrue();
            assertThat(alone.audio().awaitTone(1000, HEARD_DBFS, HEAR)).isTrue();
            alone.hangup();

            Call narrow = fixture.dial(phone, conference, CallOptions.defaults().codecs(Codec.PCMU));
            assertThat(narrow.audio().awaitTone(1000, HEARD_DBFS, HEAR)).as("the same music in G.711").isTrue();
            assertThat(narrow.audio().toneLevel(2000, MEASURE)).as("its 6 kHz filtered, not folded")
                    .isLessThan(NOT_HEARD_DBFS);
            narrow.hangup();
        }
    }

    /** A 48 kHz mono 16-bit WAV with two sines, 2 s: what a studio export looks like. */
    private static byte[] sineWav48k(double hz1, double hz2, int millis) {
        int rate = 48000;
        int samples = millis * rate / 1000;
        java.nio.ByteBuffer wav = java.nio.ByteBuffer.allocate(44 + samples * 2).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + samples * 2)
                .put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2).putShort((short) 2)
                .putShort((short) 16).put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .putInt(samples * 2);
        for (int i = 0; i < samples; i++) {
            wav.putShort((short) (5000 * Math.sin(2 * Math.PI * hz1 * i / rate) + 5000 * Math.sin(2 * Math.PI * hz2 * i / rate)));
        }
        return wav.array();
    }
}
