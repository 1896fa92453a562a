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
 * Issue 5, PIN and admission, heard from the phone: the PIN is asked for (keys by INFO or RFC 4733,
 * {@code #} ends it), {@code moderator_pin} makes a moderator and {@code pin} a participant, nothing
 * of the room is heard before admission, three wrong PINs or silence end the call after a prompt, and
 * a locked or full conference refuses with a spoken reason, then BYE.
 */
@ExtendWith(SharedServer.class)
class PinAndAdmissionIT {

    private static final double ALICE = 500;
    private static final double BOB = 700;

    @Test
    void pinIsAskedAndTheRoomUnheardUntilTheRightPin(RunningServer server) throws Exception {
        ConferenceFixture fixture = new ConferenceFixture(server);
        ConferenceFixture.Conference conference = fixture.create("{\"pin\":\"1111\"}");
        try (TestPhone phone = TestPhone.start()) {
            Caller alice = Caller.withPin(fixture, phone, conference, "1111", DtmfMode.RFC4733);
            alice.awaitHearsInOrder("pin_request", "only_participant");
            alice.sendTone(ALICE);

            Caller bob = Caller.silent(fixture, phone, conference);
            bob.sendTone(BOB);
            bob.awaitHears("pin_request");
            bob.awaitQuiet();
            // Alice talks all along, yet Bob, still at the PIN prompt, hears nothing of her ...
            bob.assertDoesNotHearTone(ALICE, Duration.ofMillis(800));
            alice.assertDoesNotHearTone(BOB, Duration.ofMillis(200));
            // ... until his PIN (by SIP INFO this time) lets him in.
            bob.keys("1111#", DtmfMode.INFO_RELAY);
            bob.awaitHearsTone(ALICE);
            alice.awaitHearsTone(BOB);
            alice.hangup();
            bob.hangup();
        }
    }

    @Test
    void moderatorPinMakesAModeratorAndALockedConferenceRefusesEvenModerators(RunningServer server)
            throws Exception {
        ConferenceFixture fixture = new ConferenceFixture(server);
        ConferenceFixture.Conference conference = fixture.create("{\"pin\":\"1111\",\"moderator_pin\":\"2222\"}");
        try (TestPhone phone = TestPhone.start()) {
            Caller moderator = Caller.withPin(fixture, phone, conference, "2222", DtmfMode.RFC4733);
            moderator.awaitHears("only_participant");
            Caller participant = Caller.withPin(fixture, phone, conference, "1111", DtmfMode.INFO_DTMF);
            participant.awaitHears("pin_request");

            participant.mark().keys("*92"); // a participant may not lock
            participant.awaitHears("moderator_only");
            moderator.mark().keys("*92");
            assertThat(moderator.awaitHears("locked")).doesNotContain("moderator_only");

            Caller late = Caller.withPin(fixture, phone, conference, "2222", DtmfMode.RFC4733);
            assertThat(late.awaitHearsInOrder("pin_request", "conf_locked")).doesNotContain("only_participant");
            late.awaitHungUpByServer(Duration.ofSeconds(5));

            moderator.mark().keys("*93");
            moderator.awaitHears("unlocked");
            Caller welcome = Caller.withPin(fixture, phone, conference, "1111", DtmfMode.RFC4733);
            moderator.mark().awaitHears("tone:880"); // the enter tone: this one got in
            assertThat(welcome.heard()).doesNotContain("conf_locked");
            moderator.hangup();
            participant.hangup();
            welcome.hangup();
        }
    }

    @Test
    void threeWrongPinsEndTheCallWithAPrompt(RunningServer server) throws Exception {
        ConferenceFixture fixture = new ConferenceFixture(server);
        ConferenceFixture.Conference conference = fixture.create("{\"pin\":\"1111\"}");
        try (TestPhone phone = TestPhone.start()) {
            Caller caller = Caller.withPin(fixture, phone, conference, "9", DtmfMode.RFC4733);
            caller.keys("88#", DtmfMode.INFO_RELAY);
            caller.keys("1112#", DtmfMode.RFC4733);
            caller.awaitHearsInOrder("pin_request", "pin_wrong", "pin_wrong", "pin_failed");
            caller.awaitHungUpByServer(Duration.ofSeconds(5));
            assertThat(caller.heard()).doesNotContain("only_participant");
        }
    }

    @Test
    void silenceAtThePinPromptEndsTheCallWithAPrompt(RunningServer server) throws Exception {
        ConferenceFixture fixture = new ConferenceFixture(server);
        ConferenceFixture.Conference conference = fixture.create("{\"pin\":\"1111\"}");
        try (TestPhone phone = TestPhone.start()) {
            Caller caller = Caller.silent(fixture, phone, conference);
            caller.awaitHears("pin_request");
            long start = System.nanoTime();
            Transcriber.awaitWord(caller.call, new org.confbridge.testkit.rtp.AudioMark(start), "pin_timeout",
                    Duration.ofSeconds(25)); // 15 s without a key
            caller.awaitHungUpByServer(Duration.ofSeconds(5));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofSeconds(8));
        }
    }

    @Test
    void aFullConferenceRefusesWithASpokenReason(RunningServer server) throws Exception {
        ConferenceFixture fixture = new ConferenceFixture(server);
        ConferenceFixture.Conference conference = fixture.create("{\"max_members\":1}");
        try (TestPhone phone = TestPhone.start()) {
            Caller first = Caller.silent(fixture, phone, conference);
            first.awaitHears("only_participant");
            Caller second = Caller.silent(fixture, phone, conference);
            second.awaitHears("conf_full");
            second.awaitHungUpByServer(Duration.ofSeconds(5));
            assertThat(first.heard()).doesNotContain("tone:880"); // nobody entered
            first.hangup();
        }
    }
}
