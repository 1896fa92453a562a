package org.confbridge.server.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.confbridge.server.RunningServer;
import org.confbridge.server.SharedServer;
import org.confbridge.server.media.ConferenceFixture;
import org.confbridge.testkit.DtmfMode;
import org.confbridge.testkit.TestPhone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 5, announcements and music on hold, heard from the phone: {@code announce_caller_name} (the name
 * is recorded after a tone, the room hears it with "has joined" and "has left"), {@code enter_sound} or
 * the built-in enter tone, {@code *94}/{@code *95}, and {@code music_on_hold_sound} or the built-in
 * "only participant" prompt while alone, stopping when someone else enters.
 */
@ExtendWith(SharedServer.class)
class AnnouncementsIT {

    private static final double ALICE_NAME = 1300;
    private static final double BOB_NAME = 1500;

    @Test
    void callerNamesAreRecordedAfterATheToneAndAnnouncedOnJoinAndLeave(RunningServer server) throws Exception {
        ConferenceFixture fixture = new ConferenceFixture(server);
        ConferenceFixture.Conference conference = fixture.create("{\"announce_caller_name\":true}");
        try (TestPhone phone = TestPhone.start()) {
            Caller alice = Caller.silent(fixture, phone, conference);
            alice.awaitHearsInOrder("say_name", "tone:880");
            alice.sendTone(ALICE_NAME); // "Alice", then silence ends the recording
            Thread.sleep(700);
            alice.sendSilence();
            alice.awaitHears("only_participant");

            Caller bob = Caller.silent(fixture, phone, conference);
            bob.awaitHearsInOrder("say_name", "tone:880");
            alice.mark();
            bob.sendTone(BOB_NAME);
            Thread.sleep(700);
            bob.sendSilence();
            bob.keys("#", DtmfMode.INFO_RELAY); // '#' ends the recording at once
            assertThat(alice.awaitHearsInOrder("tone:880", "tone:1500", "has_joined"))
                    .as("the room hears the enter tone, Bob's name and 'has joined'").isNotEmpty();

            alice.mark();
            bob.hangup();
            alice.awaitHearsInOrder("tone:1500", "has_left");
            alice.hangup();
        }
        // Recorded names are kept only while needed: with everyone gone, none is left on disk.
        java.nio.file.Path names = server.dataDir().resolve("names");
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        long left;
        do {
            try (var files = java.nio.file.Files.list(names)) {
                left = files.count();
            }
            Thread.sleep(100);
        } while (left > 0 && System.nanoTime() < deadline);
        assertThat(left).as("name recordings left in " + names).isZero();
    }

    @Test
    void uploadedEnterSoundPlaysToTheRoomOnEachEntry(RunningServer server) throws Exception {
        ConferenceFixture fixture = new ConferenceFixture(server);
        long sound = fixture.uploadSound("enter-" + System.nanoTime(), ConferenceFixture.sineWav(1100, 400));
        ConferenceFixture.Conference conference = fixture.create("{\"enter_sound\":" + sound + "}");
        try (TestPhone phone = TestPhone.start()) {
            Caller first = Caller.silent(fixture, phone, conference);
            first.awaitHears("only_participant");
            first.mark();
            Caller second = Caller.silent(fixture, phone, conference);
            assertThat(first.awaitHears("tone:1100")).doesNotContain("tone:880");
            first.mark();
            second.mark();
            Caller third = Caller.silent(fixture, phone, conference);
            first.awaitHears("tone:1100");
            second.awaitHears("tone:1100");
            Thread.sleep(500);
            assertThat(third.heard()).as("the one who enters does not hear their own entry").doesNotContain("tone:1100");
            for (Caller caller : new Caller[] {first, second, third}) {
                caller.hangup();
            }
        }
    }

    @Test
    void star94StopsJoinNotificationsAndStar95StartsThemAgain(RunningServer server) throws Exception {
        ConferenceFixture fixture = new ConferenceFixture(server);
        ConferenceFixture.Conference conference = fixture.create("{\"pin\":\"1111\",\"moderator_pin\":\"2222\"}");
        try (TestPhone phone = TestPhone.start()) {
            Caller moderator = Caller.withPin(fixture, phone, conference, "2222", DtmfMode.RFC4733);
            moderator.awaitHears("only_participant");
            moderator.mark();
            Caller first = Caller.withPin(fixture, phone, conference, "1111", DtmfMode.RFC4733);
            moderator.awaitHears("tone:880"); // the built-in enter tone (no enter_sound set)

            moderator.mark().keys("*94");
            moderator.awaitHears("notifications_off");
            moderator.mark();
            Caller quiet = Caller.withPin(fixture, phone, conference, "1111", DtmfMode.RFC4733);
            quiet.sendTone(1100);
            first.awaitHearsTone(1100); // the new caller is in the room ...
            Thread.sleep(1000);
            assertThat(moderator.heard()).as("... and no enter tone was played").doesNotContain("tone:880");
            quiet.sendSilence();

            moderator.mark().keys("*95");
            moderator.awaitHears("notifications_on");
            moderator.mark();
            Caller announced = Caller.withPin(fixture, phone, conference, "1111", DtmfMode.INFO_RELAY);
            moderator.awaitHears("tone:880");
            for (Caller caller : new Caller[] {moderator, first, quiet, announced}) {
                caller.hangup();
            }
        }
    }

    @Test
    void aloneACallerHearsTheBuiltInPromptOnceThenQuiet(RunningServer server) throws Exception {
        ConferenceFixture fixture = new ConferenceFixture(server);
        ConferenceFixture.Conference conference = fixture.create(null);
        try (TestPhone phone = TestPhone.start()) {
            Caller alone = Caller.silent(fixture, phone, conference);
            alone.awaitHears("only_participant");
            Thread.sleep(1500);
            assertThat(alone.heard()).containsExactly("only_participant");
            assertThat(alone.call.audio().rmsDbfs(Duration.ofMillis(1000))).isLessThan(-50);
            alone.hangup();
        }
    }

    @Test
    void uploadedMusicOnHoldLoopsWhileAloneAndStopsWhenASecondCallerEnters(RunningServer server)
            throws Exception {
        ConferenceFixture fixture = new ConferenceFixture(server);
        long music = fixture.uploadSound("music-" + System.nanoTime(), ConferenceFixture.sineWav(1300, 500));
        ConferenceFixture.Conference conference = fixture.create("{\"music_on_hold_sound\":" + music + "}");
        try (TestPhone phone = TestPhone.start()) {
            Caller alone = Caller.silent(fixture, phone, conference);
            alone.awaitHearsTone(1300);
            // Five times the sound's length: it loops, every half second of it still carries the music.
            Thread.sleep(2500);
            org.confbridge.testkit.audio.AudioClip lastSeconds = alone.call.audio().last(Duration.ofMillis(2500));
            for (int slice = 0; slice < 5; slice++) {
                assertThat(lastSeconds.slice(Duration.ofMillis(500L * slice), Duration.ofMillis(500)).toneLevelDbfs(1300))
                        .as("music in slice %d", slice).isGreaterThan(ConferenceFixture.HEARD_DBFS);
            }
            assertThat(alone.heard()).doesNotContain("only_participant");

            Caller second = Caller.silent(fixture, phone, conference);
            alone.awaitStopsHearingTone(1300, Duration.ofMillis(1000));
            second.assertDoesNotHearTone(1300, Duration.ofMillis(300));
            second.hangup();
            alone.awaitHearsTone(1300); // alone again: the music comes back
            alone.hangup();
        }
    }
}
