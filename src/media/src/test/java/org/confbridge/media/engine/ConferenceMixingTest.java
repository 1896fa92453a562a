package org.confbridge.media.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.confbridge.media.Announcement;
import org.confbridge.media.JoinOptions;
import org.confbridge.media.MediaLeg;
import org.confbridge.media.PlayRequest;
import org.confbridge.media.Room;
import org.confbridge.media.sdp.AudioCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What callers hear, measured on real RTP over loopback: each phone sends its own tone. */
class ConferenceMixingTest {
    private static final double A = 450;
    private static final double B = 750;
    private static final double C = 1150;
    private static final double HEARD = 0.1;     // a tone this strong is clearly audible in the mix
    private static final double NOT_HEARD = 0.01;

    private EngineFixture fixture;
    private Room room;
    private MediaLeg a;
    private MediaLeg b;
    private MediaLeg c;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new EngineFixture();
        a = fixture.addParticipant(AudioCodec.PCMU);
        b = fixture.addParticipant(AudioCodec.PCMA);
        c = fixture.addParticipant(AudioCodec.PCMU);
        room = fixture.engine.createRoom("r1");
        for (MediaLeg leg : List.of(a, b, c)) {
            room.join(leg, JoinOptions.DEFAULT);
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void everyoneHearsEveryoneElseAndNobodyHearsThemselves() throws Exception {
        fixture.talk(20, A, B, C);

        short[] heardByA = fixture.phone(0).lastHeard(10);
        short[] heardByB = fixture.phone(1).lastHeard(10);
        short[] heardByC = fixture.phone(2).lastHeard(10);
        assertThat(Signals.share(heardByA, B)).isGreaterThan(HEARD);
        assertThat(Signals.share(heardByA, C)).isGreaterThan(HEARD);
        assertThat(Signals.share(heardByA, A)).isLessThan(NOT_HEARD);
        assertThat(Signals.share(heardByB, A)).isGreaterThan(HEARD);
        assertThat(Signals.share(heardByB, C)).isGreaterThan(HEARD);
        assertThat(Signals.share(heardByB, B)).isLessThan(NOT_HEARD);
        assertThat(Signals.share(heardByC, A)).isGreaterThan(HEARD);
        assertThat(Signals.share(heardByC, B)).isGreaterThan(HEARD);
        assertThat(Signals.share(heardByC, C)).isLessThan(NOT_HEARD);
    }

    @Test
    void mutedParticipantIsHeardByNobodyButStillHearsTheRoom() throws Exception {
        room.setMuted(b, true);
        fixture.talk(20, A, B, C);

        assertThat(Signals.share(fixture.phone(0).lastHeard(10), B)).isLessThan(NOT_HEARD);
        assertThat(Signals.share(fixture.phone(2).lastHeard(10), B)).isLessThan(NOT_HEARD);
        short[] heardByB = fixture.phone(1).lastHeard(10);
        assertThat(Signals.share(heardByB, A)).isGreaterThan(HEARD);
        assertThat(Signals.share(heardByB, C)).isGreaterThan(HEARD);

        room.setMuted(b, false);
        fixture.talk(20, A, B, C);
        assertThat(Signals.share(fixture.phone(0).lastHeard(10), B)).isGreaterThan(HEARD);
    }

    @Test
    void silentParticipantsShareTheSameMix() throws Exception {
        fixture.talk(20, A, 0, 0);

        short[] heardByB = fixture.phone(1).lastHeard(10);
        short[] heardByC = fixture.phone(2).lastHeard(10);
        assertThat(Signals.share(heardByB, A)).isGreaterThan(0.9);
        assertThat(Signals.share(heardByC, A)).isGreaterThan(0.9);
        // A hears nothing but comfort silence: nobody else talks.
        assertThat(Signals.meanEnergy(fixture.phone(0).lastHeard(10))).isLessThan(10);
    }

    @Test
    void lineNoiseIsGatedOutButQuietSpeechIsHeard() throws Exception {
        java.util.Random random = new java.util.Random(3);
        for (int t = 0; t < 20; t++) {
            short[] noise = new short[160];
            for (int i = 0; i < 160; i++) {
                noise[i] = (short) (random.nextGaussian() * 30); // about -60 dBFS hiss
            }
            fixture.step(Arrays.asList(Signals.toneFrame(A, t, 300), noise, null)); // A speaks quietly (-40 dBFS)
        }

        assertThat(Signals.share(fixture.phone(2).lastHeard(10), A)).isGreaterThan(0.9); // only A, no hiss added
        assertThat(Signals.meanEnergy(fixture.phone(0).lastHeard(10))).isLessThan(10); // B's hiss not passed on
    }

    @Test
    void aPhoneSwitchingToTheOtherG711VariantIsStillHeard() throws Exception {
        fixture.talk(5, A, 0, 0);
        // Phone A was answered PCMU; it now sends PCMA on static type 8 (both were in its offer).
        TestPhone alaw = fixture.phone(0);
        for (int t = 0; t < 15; t++) {
            byte[] payload = new byte[160];
            org.confbridge.media.codec.ALawCodec.INSTANCE.encode(Signals.toneFrame(A, t, 6000), 0, 160, payload, 0);
            long received = a.stats().packetsReceived();
            alaw.send(alaw.packet(false, 8, 100_000 + 160L * t, payload), a.localPort());
            fixture.awaitReceived(new long[] {received + 1, 0, 0});
            fixture.step(Arrays.asList(null, null, null));
        }

        assertThat(Signals.share(fixture.phone(1).lastHeard(10), A)).isGreaterThan(0.9);
        assertThat(a.stats().dropped()).doesNotContainKey("UNKNOWN_PAYLOAD_TYPE");
    }

    @Test
    void loudRoomSaturatesInsteadOfWrappingAround() throws Exception {
        List<short[]> loud = Arrays.asList(full(20000), full(20000), full(20000));
        for (int i = 0; i < 10; i++) {
            fixture.step(loud);
        }
        // A hears B + C = 40000, clipped to 32767 (G.711 tops out near 32124), not a wrapped negative value.
        short[] heardByA = fixture.phone(0).lastHeard(5);
        int min = Short.MAX_VALUE;
        for (short sample : heardByA) {
            min = Math.min(min, sample);
        }
        assertThat(min).isGreaterThan(30000);
    }

    @Test
    void promptToOneParticipantReachesOnlyThatOne() throws Exception {
        MediaLeg target = a;
        target.play(PlayRequest.of(Announcement.pcm(sine(1900, 8000))));
        fixture.talk(20, 0, B, 0);

        assertThat(Signals.share(fixture.phone(0).lastHeard(10), 1900)).isGreaterThan(HEARD);
        assertThat(Signals.share(fixture.phone(0).lastHeard(10), B)).isGreaterThan(HEARD);
        assertThat(Signals.share(fixture.phone(1).lastHeard(10), 1900)).isLessThan(NOT_HEARD);
        assertThat(Signals.share(fixture.phone(2).lastHeard(10), 1900)).isLessThan(NOT_HEARD);
    }

    @Test
    void roomPromptExceptOneIsHeardByAllOthers() throws Exception {
        room.playToAllExcept(PlayRequest.of(Announcement.pcm(sine(1900, 8000))), a);
        fixture.talk(20, A, 0, 0);

        assertThat(Signals.share(fixture.phone(0).lastHeard(10), 1900)).isLessThan(NOT_HEARD);
        assertThat(Signals.share(fixture.phone(1).lastHeard(10), 1900)).isGreaterThan(HEARD);
        assertThat(Signals.share(fixture.phone(2).lastHeard(10), 1900)).isGreaterThan(HEARD);
        assertThat(Signals.share(fixture.phone(1).lastHeard(10), A)).isGreaterThan(HEARD);
    }

    @Test
    void participantNotHearingTheRoomHearsOnlyItsOwnPrompt() throws Exception {
        room.setHearsRoom(c, false);
        c.play(PlayRequest.of(Announcement.pcm(sine(1900, 8000))));
        fixture.talk(20, A, B, C);

        short[] heardByC = fixture.phone(2).lastHeard(10);
        assertThat(Signals.share(heardByC, 1900)).isGreaterThan(0.9);
        assertThat(Signals.share(heardByC, A)).isLessThan(NOT_HEARD);
        // ...but the others still hear C.
        assertThat(Signals.share(fixture.phone(0).lastHeard(10), C)).isGreaterThan(HEARD);
    }

    @Test
    void leavingTheRoomStopsHearingAndBeingHeard() throws Exception {
        room.leave(c);
        fixture.talk(20, A, B, C);

        assertThat(Signals.share(fixture.phone(0).lastHeard(10), C)).isLessThan(NOT_HEARD);
        assertThat(Signals.meanEnergy(fixture.phone(2).lastHeard(10))).isLessThan(10);
        assertThat(room.size()).isEqualTo(2);
    }

    private static short[] full(int value) {
        short[] frame = new short[160];
        Arrays.fill(frame, (short) value);
        return frame;
    }

    private static short[] sine(double frequency, int samples) {
        short[] out = new short[samples];
        for (int i = 0; i < samples; i++) {
            out[i] = (short) Math.round(6000 * Math.sin(2 * Math.PI * frequency * i / 8000));
        }
        return out;
    }
}
