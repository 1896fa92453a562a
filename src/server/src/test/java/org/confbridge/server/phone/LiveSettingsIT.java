package org.confbridge.server.phone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.confbridge.server.RunningServer;
import org.confbridge.server.SharedServer;
import org.confbridge.server.media.ConferenceFixture;
import org.confbridge.testkit.DtmfMode;
import org.confbridge.testkit.TestPhone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Conference properties changed over REST while people are in the conference reach them within a
 * second, for everyone, and nobody joining changes them.
 */
@ExtendWith(SharedServer.class)
class LiveSettingsIT {

    private static final double TALKER = 700;
    private static final double MUSIC = 500;
    /** How soon a change must be heard: the rule says one second; allow for the ear's own frames. */
    private static final Duration WITHIN = Duration.ofMillis(1500);

    @Test
    void muteNonModeratorTurnedOnMutesTheRoomAtOnceAndTurnedOffLetsThemUnmuteThemselves(RunningServer server)
            throws Exception {
        ConferenceFixture fixture = new ConferenceFixture(server);
        ConferenceFixture.Conference conference = fixture.create("{\"pin\":\"1111\",\"moderator_pin\":\"2222\"}");
        try (TestPhone phone = TestPhone.start()) {
            Caller moderator = Caller.withPin(fixture, phone, conference, "2222", DtmfMode.RFC4733);
            moderator.awaitHears("only_participant");
            moderator.mark();
            Caller participant = Caller.withPin(fixture, phone, conference, "1111", DtmfMode.RFC4733);
            moderator.awaitHears("tone:880"); // the participant entered the room (the enter tone)
            participant.sendTone(TALKER);
            moderator.awaitHearsTone(TALKER);

            participant.mark();
            long changedAt = System.nanoTime();
            fixture.setProperties(conference, "{\"mute_non_moderator\":true}");
            assertThat(moderator.call.audio().awaitNoTone(TALKER, ConferenceFixture.NOT_HEARD_DBFS, WITHIN))
                    .as("the participant is muted within a second").isTrue();
            assertThat((System.nanoTime() - changedAt) / 1_000_000).isLessThan(WITHIN.toMillis());
            participant.sendSilence();
            List<String> told = participant.awaitHears("conference_muted");
            assertThat(told.stream().filter("conference_muted"::equals)).as("told once").hasSize(1);
            participant.sendTone(TALKER);
            moderator.assertDoesNotHearTone(TALKER, Duration.ofSeconds(1));

            participant.sendSilence();
            participant.mark().keys("*1");
            participant.awaitHears("mute_not_allowed");
            JsonNode live = fixture.get("/api/ver1.0/client/@me/live/" + conference.id()).json();
            assertThat(live.get("settings").get("mute_non_moderator").asBoolean())
                    .as("the live view shows the settings in force").isTrue();

            fixture.setProperties(conference, "{\"mute_non_moderator\":false}");
            participant.sendTone(TALKER);
            moderator.assertDoesNotHearTone(TALKER, Duration.ofSeconds(1)); // still muted until they unmute
            participant.sendSilence();
            participant.mark().keys("*1");
            participant.awaitHears("unmuted");
            participant.sendTone(TALKER);
            moderator.awaitHearsTone(TALKER);
            participant.hangup();
            moderator.hangup();
        }
    }

    @Test
    void newMusicOnHoldReachesTheCallerAloneNowAndResetToNullBringsThePromptBack(RunningServer server)
            throws Exception {
        ConferenceFixture fixture = new ConferenceFixture(server);
        ConferenceFixture.Conference conference = fixture.create(null);
        long music = fixture.uploadSound("music " + System.nanoTime(), ConferenceFixture.sineWav(MUSIC, 3000));
        try (TestPhone phone = TestPhone.start()) {
            Caller alone = Caller.silent(fixture, phone, conference);
            alone.awaitHears("only_participant");
            alone.awaitQuiet();

            fixture.setProperties(conference, "{\"music_on_hold_sound\":" + music + "}");
            assertThat(alone.call.audio().awaitTone(MUSIC, ConferenceFixture.HEARD_DBFS, WITHIN))
                    .as("the new music within a second").isTrue();

            alone.mark();
            fixture.setProperties(conference, "{\"music_on_hold_sound\":null}");
            alone.awaitHears("only_participant");
            alone.awaitStopsHearingTone(MUSIC, Duration.ofSeconds(4)); // the music does not come back
            alone.hangup();
        }
    }

    @Test
    void aPinSetWhileSomeoneIsInsideAppliesToTheNextCallerOnly(RunningServer server) throws Exception {
        ConferenceFixture fixture = new ConferenceFixture(server);
        ConferenceFixture.Conference conference = fixture.create("{\"max_members\":2}");
        try (TestPhone phone = TestPhone.start()) {
            Caller first = Caller.withTone(fixture, phone, conference, TALKER);
            first.awaitHears("only_participant");
            first.mark();
            fixture.setProperties(conference, "{\"pin\":\"4321\",\"max_members\":3}");

            Caller second = Caller.silent(fixture, phone, conference);
            second.awaitHears("pin_request");
            second.keys("4321#");
            second.awaitHearsTone(TALKER);
            Caller third = Caller.silent(fixture, phone, conference);
            third.awaitHears("pin_request");
            third.keys("4321#");
            third.awaitHearsTone(TALKER); // max_members 3 is in force: admitted
            assertThat(first.heard()).as("nobody inside is asked for the new PIN").doesNotContain("pin_request");
            third.hangup();
            second.hangup();
            first.hangup();
        }
    }
}
