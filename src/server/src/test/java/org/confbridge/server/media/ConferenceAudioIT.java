package org.confbridge.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confbridge.server.media.ConferenceFixture.HEARD_DBFS;
import static org.confbridge.server.media.ConferenceFixture.NOT_HEARD_DBFS;

import java.time.Duration;
import java.util.List;
import org.confbridge.server.RunningServer;
import org.confbridge.server.SharedServer;
import org.confbridge.testkit.Call;
import org.confbridge.testkit.DtmfMode;
import org.confbridge.testkit.TestPhone;
import org.confbridge.testkit.audio.AudioClip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Real calls have real audio: test phones dial a conference, each sends its own tone, and what each
 * one receives over RTP is measured (Goertzel): everyone hears the others, nobody hears themselves, a
 * muted caller is heard by nobody, hold stops the audio to the holder and resuming brings it back, and
 * the server's RTP ports are free again after BYE.
 */
@ExtendWith(SharedServer.class)
class ConferenceAudioIT {

    private static final double ALICE = 500;
    private static final double BOB = 700;
    private static final double CAROL = 1100;
    private static final Duration HEAR_TIMEOUT = Duration.ofSeconds(8);
    private static final Duration MEASURE = Duration.ofMillis(600);

    @Test
    void threeCallersHearEachOtherButNeverThemselvesAndAMutedOneIsHeardByNobody(RunningServer server)
            throws Exception {
        ConferenceFixture fixture = new ConferenceFixture(server);
        ConferenceFixture.Conference conference = fixture.create(null);
        long legsBefore = fixture.mediaLegs();
        try (TestPhone phone = TestPhone.start()) {
            Call alice = fixture.dial(phone, conference, ALICE);
            Call bob = fixture.dial(phone, conference, BOB);
            Call carol = fixture.dial(phone, conference, CAROL);

            awaitHears(alice, BOB, CAROL);
            awaitHears(bob, ALICE, CAROL);
            awaitHears(carol, ALICE, BOB);
            Thread.sleep(MEASURE.toMillis()); // a whole measuring window with all three in the room
            assertMix(alice, ALICE, BOB, CAROL);
            assertMix(bob, BOB, ALICE, CAROL);
            assertMix(carol, CAROL, ALICE, BOB);

            carol.sendDigits("*1", DtmfMode.RFC4733); // Carol mutes herself
            assertThat(alice.audio().awaitNoTone(CAROL, NOT_HEARD_DBFS, HEAR_TIMEOUT)).isTrue();
            assertThat(bob.audio().awaitNoTone(CAROL, NOT_HEARD_DBFS, HEAR_TIMEOUT)).isTrue();
            // Settled: over a longer window Carol is absent for both, while they still hear each other.
            Thread.sleep(MEASURE.toMillis());
            assertMix(alice, ALICE, BOB);
            assertThat(alice.audio().toneLevel(CAROL, MEASURE)).isLessThan(NOT_HEARD_DBFS);
            assertThat(bob.audio().toneLevel(CAROL, MEASURE)).isLessThan(NOT_HEARD_DBFS);
            // Muted is not deaf: Carol still hears both.
            assertThat(carol.audio().toneLevel(ALICE, MEASURE)).isGreaterThan(HEARD_DBFS);
            assertThat(carol.audio().toneLevel(BOB, MEASURE)).isGreaterThan(HEARD_DBFS);

            carol.sendDigits("*1", DtmfMode.INFO_RELAY); // and unmutes herself (INFO this time)
            awaitHears(alice, CAROL);
            awaitHears(bob, CAROL);

            for (Call call : List.of(alice, bob, carol)) {
                call.hangup();
            }
            // Their media legs are closed (by default calls share their media loop's RTP port, so the
            // port itself stays open; with a port per call, closing the leg frees it).
            assertThat(awaitMediaLegs(fixture, legsBefore, Duration.ofSeconds(3))).as("media legs closed").isTrue();
        }
    }

    @Test
    void holdStopsTheAudioToTheHolderAndResumeBringsItBack(RunningServer server) throws Exception {
        ConferenceFixture fixture = new ConferenceFixture(server);
        ConferenceFixture.Conference conference = fixture.create(null);
        try (TestPhone phone = TestPhone.start()) {
            Call alice = fixture.dial(phone, conference, ALICE);
            Call bob = fixture.dial(phone, conference, BOB);
            awaitHears(alice, BOB);
            awaitHears(bob, ALICE);

            assertThat(bob.hold()).isEqualTo(200);
            Thread.sleep(300); // packets already on the way
            int framesAtHold = bob.audio().frameCount();
            Thread.sleep(1000);
            assertThat(bob.audio().frameCount() - framesAtHold)
                    .as("frames sent to a caller who put us on hold").isLessThan(3);
            // The others go on: Alice is not dropped or silenced by Bob's hold.
            assertThat(alice.audio().last(Duration.ofMillis(800)).isEmpty()).isFalse();

            assertThat(bob.unhold()).isEqualTo(200);
            awaitHears(bob, ALICE);
            awaitHears(alice, BOB);
            alice.hangup();
            bob.hangup();
        }
    }

    private static void awaitHears(Call listener, double... tones) throws InterruptedException {
        for (double tone : tones) {
            assertThat(listener.audio().awaitTone(tone, HEARD_DBFS, HEAR_TIMEOUT))
                    .as("%s hears %.0f Hz (level now %.1f dBFS)", listener.callId(), tone,
                            listener.audio().toneLevel(tone, Duration.ofMillis(200)))
                    .isTrue();
        }
    }

    /** Over the last window: the listener's own tone is absent, every other one present. */
    private static void assertMix(Call listener, double own, double... others) {
        AudioClip heard = listener.audio().last(MEASURE);
        assertThat(heard.toneLevelDbfs(own)).as("own tone %.0f Hz heard back", own).isLessThan(NOT_HEARD_DBFS);
        for (double other : others) {
            assertThat(heard.toneLevelDbfs(other)).as("tone %.0f Hz heard", other).isGreaterThan(HEARD_DBFS);
        }
    }

    private static boolean awaitMediaLegs(ConferenceFixture fixture, long legs, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            if (fixture.mediaLegs() == legs) {
                return true;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return false;
    }
}
