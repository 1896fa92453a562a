package org.confbridge.server.invite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confbridge.server.media.ConferenceFixture.HEARD_DBFS;
import static org.confbridge.server.media.ConferenceFixture.NOT_HEARD_DBFS;

import java.time.Duration;
import org.confbridge.server.media.ConferenceFixture;
import org.confbridge.testkit.Call;
import org.confbridge.testkit.CallState;
import org.confbridge.testkit.DtmfMode;
import org.confbridge.testkit.IncomingPolicy;
import org.confbridge.testkit.rtp.AudioMark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the inviter hears while an invitation rings, and that nobody is left alone on a paid trunk call:
 * when the last dial-in participant leaves, the invited participants hear that the conference has ended
 * and are hung up, and invitations still ringing are cancelled.
 */
@ExtendWith(SharedTrunk.class)
class InviteLifecycleIT {

    private static final double INVITER = 500;
    private static final double INVITEE = 1100;
    /** The server's ringback: 425 Hz, 1 s on, 4 s off. */
    private static final double RINGBACK = 425;
    private static final Duration HEAR = Duration.ofSeconds(8);
    private static final Duration PROMPT = Duration.ofSeconds(20);

    private final InviteTrunk trunk;

    InviteLifecycleIT(InviteTrunk trunk) {
        this.trunk = trunk;
    }

    @Test
    void theInviterHearsRingbackWhileTheInvitedPhoneRingsAndItStopsOnTheAnswer() throws Exception {
        ConferenceFixture.Conference conference = trunk.fixture.create(null);
        String number = InviteTrunk.newNumber();
        trunk.gateway.onIncoming(IncomingPolicy.answerAfter(Duration.ofMillis(2500)) // the trunk gives up after 3 s
                .sendingTone(INVITEE, ConferenceFixture.SEND_DBFS));
        Call alice = trunk.dialIn(conference, "alice", INVITER);
        PromptEar.awaitPrompt(alice, alice.audio().mark(), "only_participant", PROMPT);
        assertThat(alice.audio().awaitSilence(NOT_HEARD_DBFS, PROMPT)).isTrue();
        AudioMark beforeKeys = alice.audio().mark();
        alice.sendDigits("*8", DtmfMode.INFO_RELAY);
        PromptEar.awaitPrompt(alice, beforeKeys, "invite_enter_number", PROMPT);
        assertThat(alice.audio().awaitSilence(NOT_HEARD_DBFS, PROMPT)).isTrue();
        // The phone rings 2.5 s: "calling" (1.2 s) and then the ringback fit in before the answer.
        alice.sendDigits(number + "#", DtmfMode.INFO_RELAY);
        Call invited = trunk.awaitGatewayCall(number);

        assertThat(alice.audio().awaitTone(RINGBACK, HEARD_DBFS, HEAR)).as("ringback while the phone rings").isTrue();
        assertThat(invited.state()).as("still ringing when the ringback was heard").isNotEqualTo(CallState.ANSWERED);

        invited.expectState(CallState.ANSWERED, InviteTrunk.CALL_TIMEOUT);
        assertThat(alice.audio().awaitTone(INVITEE, HEARD_DBFS, HEAR)).as("the invited person is heard").isTrue();
        AudioMark answered = AudioMark.now();
        Thread.sleep(5500); // longer than one ringback cadence (1 s tone, 4 s pause)
        assertThat(alice.audio().hearsToneBetween(RINGBACK, HEARD_DBFS, answered, AudioMark.now()))
                .as("no ringback once answered").isFalse();
        alice.hangup();
    }

    @Test
    void ringbackStopsWhenTheInvitationFails() throws Exception {
        ConferenceFixture.Conference conference = trunk.fixture.create(null);
        String number = InviteTrunk.newNumber();
        trunk.gateway.onIncoming(IncomingPolicy.ringForever());
        Call alice = trunk.dialIn(conference, "alice", INVITER);
        InviteTrunk.keyInvite(alice, number);
        Call invited = trunk.awaitGatewayCall(number);
        assertThat(alice.audio().awaitTone(RINGBACK, HEARD_DBFS, HEAR)).as("ringback while the phone rings").isTrue();

        // Nobody answers: after the no-answer timeout the call is cancelled and alice is told.
        AudioMark mark = alice.audio().mark();
        assertThat(invited.awaitState(CallState.FAILED, Duration.ofSeconds(InviteTrunk.NO_ANSWER_SECONDS + 5))).isTrue();
        PromptEar.awaitPrompt(alice, mark, "invite_no_answer", PROMPT);
        AudioMark after = AudioMark.now();
        Thread.sleep(5500);
        assertThat(alice.audio().hearsToneBetween(RINGBACK, HEARD_DBFS, after, AudioMark.now()))
                .as("no ringback after the outcome").isFalse();
        alice.hangup();
    }

    @Test
    void whenTheLastDialInParticipantLeavesTheInvitedOneIsToldAndHungUp() throws Exception {
        ConferenceFixture.Conference conference = trunk.fixture.create(null);
        String number = InviteTrunk.newNumber();
        trunk.gateway.onIncoming(IncomingPolicy.answerAfter(Duration.ofMillis(300))
                .sendingTone(INVITEE, ConferenceFixture.SEND_DBFS));
        Call alice = trunk.dialIn(conference, "alice", INVITER);
        InviteTrunk.keyInvite(alice, number);
        Call invited = trunk.awaitGatewayCall(number);
        invited.expectState(CallState.ANSWERED, InviteTrunk.CALL_TIMEOUT);
        assertThat(invited.audio().awaitTone(INVITER, HEARD_DBFS, HEAR)).as("in the room").isTrue();
        // The invited phone goes quiet so that the prompt it hears can be told.
        invited.sendSilence();

        AudioMark mark = invited.audio().mark();
        long leftAt = System.nanoTime();
        alice.hangup();

        PromptEar.awaitPrompt(invited, mark, "conference_ended", PROMPT);
        assertThat(invited.awaitState(CallState.ENDED, Duration.ofSeconds(10))).as("hung up by the server").isTrue();
        long millis = (System.nanoTime() - leftAt) / 1_000_000;
        assertThat(millis).as("hung up within 10 s of the last dial-in participant leaving").isLessThan(10_000);
        assertThat(trunk.get(InviteTrunk.livePath(conference)).status()).as("the conference is over").isEqualTo(404);
    }

    @Test
    void whenTheLastDialInParticipantLeavesARingingInvitationIsCancelled() throws Exception {
        ConferenceFixture.Conference conference = trunk.fixture.create(null);
        String number = InviteTrunk.newNumber();
        trunk.gateway.onIncoming(IncomingPolicy.ringForever());
        Call alice = trunk.dialIn(conference, "alice", INVITER);
        InviteTrunk.keyInvite(alice, number);
        Call invited = trunk.awaitGatewayCall(number);
        assertThat(invited.awaitState(CallState.RINGING, Duration.ofSeconds(5))).isTrue();

        alice.hangup();

        assertThat(invited.awaitState(CallState.FAILED, Duration.ofSeconds(5))).as("CANCEL").isTrue();
        assertThat(invited.finalStatus()).as("487: ended by our CANCEL").isEqualTo(487);
    }
}
