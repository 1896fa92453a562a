package org.confbridge.server.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.confbridge.server.RunningServer;
import org.confbridge.server.SharedServer;
import org.confbridge.server.media.ConferenceFixture;
import org.confbridge.testkit.DtmfMode;
import org.confbridge.testkit.TestPhone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 5, keys heard from the phone: {@code *1} toggles one's own microphone with a confirmation to
 * the presser only; {@code mute_non_moderator}; {@code *91}/{@code *90} (late joiners too); moderator keys
 * refused to participants; unknown sequences and half-typed ones get the error tone; keys pressed
 * during a prompt are not lost.
 */
@ExtendWith(SharedServer.class)
class KeysIT {

    private static final double ALICE = 500;
    private static final double BOB = 700;
    private static final double CAROL = 1100;
    private static final Duration SETTLE = Duration.ofMillis(800);

    @Test
    void star1TogglesOnesOwnMicrophoneWithAConfirmationToThePresserOnly(RunningServer server) throws Exception {
        ConferenceFixture fixture = new ConferenceFixture(server);
        ConferenceFixture.Conference conference = fixture.create(null);
        try (TestPhone phone = TestPhone.start()) {
            Caller alice = Caller.withTone(fixture, phone, conference, ALICE);
            Caller bob = Caller.silent(fixture, phone, conference);
            bob.awaitHearsTone(ALICE);

            alice.mark().keys("*1");
            bob.mark();
            alice.awaitHears("muted");
            bob.awaitStopsHearingTone(ALICE, SETTLE);

            alice.mark().keys("*1", DtmfMode.INFO_RELAY);
            alice.awaitHears("unmuted");
            bob.awaitHearsTone(ALICE);
            assertThat(bob.heard()).doesNotContain("muted", "unmuted");
            alice.hangup();
            bob.hangup();
        }
    }

    @Test
    void muteNonModeratorMutesParticipantsOnEntryAndRefusesTheirStar1(RunningServer server) throws Exception {
        ConferenceFixture fixture = new ConferenceFixture(server);
        ConferenceFixture.Conference conference = fixture.create(
                "{\"pin\":\"1111\",\"moderator_pin\":\"2222\",\"mute_non_moderator\":true}");
        try (TestPhone phone = TestPhone.start()) {
            Caller moderator = Caller.withPin(fixture, phone, conference, "2222", DtmfMode.RFC4733);
            moderator.awaitHears("only_participant");
            Caller participant = Caller.withPin(fixture, phone, conference, "1111", DtmfMode.RFC4733);
            participant.sendTone(BOB);
            moderator.sendTone(ALICE);
            participant.awaitHearsTone(ALICE); // the moderator is never muted by it
            moderator.assertDoesNotHearTone(BOB, SETTLE);

            moderator.sendSilence();
            participant.mark().keys("*1");
            participant.awaitHears("mute_not_allowed");
            moderator.assertDoesNotHearTone(BOB, SETTLE);
            moderator.hangup();
            participant.hangup();
        }
    }

    @Test
    void star91MutesEveryNonModeratorAndLateJoinersAndStar90UnmutesThem(RunningServer server) throws Exception {
        ConferenceFixture fixture = new ConferenceFixture(server);
        ConferenceFixture.Conference conference = fixture.create("{\"pin\":\"1111\",\"moderator_pin\":\"2222\"}");
        try (TestPhone phone = TestPhone.start()) {
            Caller moderator = Caller.withPin(fixture, phone, conference, "2222", DtmfMode.RFC4733);
            moderator.awaitHears("only_participant");
            Caller bob = Caller.withPin(fixture, phone, conference, "1111", DtmfMode.RFC4733);
            bob.sendTone(BOB);
            moderator.awaitHearsTone(BOB);

            moderator.mark().keys("*91");
            moderator.awaitHears("all_muted");
            moderator.assertDoesNotHearTone(BOB, SETTLE);

            moderator.mark();
            Caller carol = Caller.withPin(fixture, phone, conference, "1111", DtmfMode.INFO_RELAY);
            moderator.awaitHears("tone:880"); // Carol entered ...
            carol.sendTone(CAROL);
            moderator.assertDoesNotHearTone(CAROL, SETTLE); // ... muted, as *91 is in force

            bob.sendSilence();
            carol.sendSilence();
            moderator.mark().keys("*90");
            moderator.awaitHears("all_unmuted");
            bob.sendTone(BOB);
            carol.sendTone(CAROL);
            moderator.awaitHearsTone(BOB);
            moderator.awaitHearsTone(CAROL);
            for (Caller caller : new Caller[] {moderator, bob, carol}) {
                caller.hangup();
            }
        }
    }

    @Test
    void moderatorKeysFromAParticipantAreRefusedWithAPrompt(RunningServer server) throws Exception {
        ConferenceFixture fixture = new ConferenceFixture(server);
        ConferenceFixture.Conference conference = fixture.create("{\"pin\":\"1111\",\"moderator_pin\":\"2222\"}");
        try (TestPhone phone = TestPhone.start()) {
            Caller participant = Caller.withPin(fixture, phone, conference, "1111", DtmfMode.RFC4733);
            participant.awaitHears("only_participant");
            participant.mark();
            for (String key : List.of("*90", "*91", "*92", "*93", "*94", "*95")) {
                participant.keys(key); // queued behind each other's refusals: none may be lost
            }
            participant.awaitHearsInOrder(Collections.nCopies(6, "moderator_only").toArray(new String[0]));
            assertThat(participant.heard()).doesNotContain("all_muted", "all_unmuted", "locked", "unlocked",
                    "notifications_off", "notifications_on");
            participant.hangup();
        }
    }

    @Test
    void anUnknownSequenceGetsTheErrorToneAtOnceAndAHalfTypedOneAfterATimeout(RunningServer server)
            throws Exception {
        ConferenceFixture fixture = new ConferenceFixture(server);
        ConferenceFixture.Conference conference = fixture.create(null);
        try (TestPhone phone = TestPhone.start()) {
            Caller caller = Caller.silent(fixture, phone, conference);
            caller.awaitHears("only_participant");

            caller.mark().keys("*3");
            long start = System.nanoTime();
            caller.awaitHears("tone:300");
            Duration atOnce = Duration.ofNanos(System.nanoTime() - start);
            Thread.sleep(700); // the error tone's second beep

            caller.mark().keys("*9");
            start = System.nanoTime();
            caller.awaitHears("tone:300");
            Duration afterTimeout = Duration.ofNanos(System.nanoTime() - start);
            // The half-typed "*9" waits for the 3 s inter-digit timeout (a loaded machine only adds to it);
            // "*3" is refused without waiting for it.
            assertThat(afterTimeout).as("the inter-digit timeout").isGreaterThan(Duration.ofMillis(2900));
            assertThat(atOnce).isLessThan(afterTimeout);
            caller.hangup();
        }
    }

    @Test
    void keysPressedDuringAPromptAreNotLost(RunningServer server) throws Exception {
        ConferenceFixture fixture = new ConferenceFixture(server);
        ConferenceFixture.Conference conference = fixture.create(null);
        try (TestPhone phone = TestPhone.start()) {
            Caller caller = Caller.silent(fixture, phone, conference);
            caller.keys("*1"); // while "you are the only participant" plays
            caller.awaitHearsInOrder("only_participant", "muted");
            caller.hangup();
        }
    }
}
