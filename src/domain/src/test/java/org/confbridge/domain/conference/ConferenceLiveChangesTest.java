package org.confbridge.domain.conference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confbridge.domain.conference.ConferenceFixture.id;
import static org.confbridge.domain.conference.ConferenceFixture.play;

import java.util.List;
import org.confbridge.domain.invite.InviteFailure;
import org.confbridge.domain.invite.InviteId;
import org.confbridge.domain.settings.ConferenceSettings;
import org.junit.jupiter.api.Test;

/** Property changes reaching a running conference, the end for invitees, and ringback. */
class ConferenceLiveChangesTest {

    private final ConferenceFixture f = new ConferenceFixture();

    private List<Instruction> change(ConferenceSettings next) {
        f.settings = next;
        return f.conference.changeSettings(next, f.now);
    }

    private InviteId invite(String inviter, String number) {
        f.keys(inviter, "*8");
        List<Instruction> out = f.keys(inviter, number + "#");
        return ((Instruction.PlaceInviteCall) out.get(0)).invite();
    }

    @Test
    void muteNonModeratorTurnedOnMutesEveryNonModeratorAtOnceAndTellsThemOnce() {
        f.usePins();
        f.joinAsModerator("mod");
        f.joinAsParticipant("ann");
        f.joinAsParticipant("bob");
        f.keys("bob", "*1"); // bob muted himself already: still told, not muted twice

        List<Instruction> out = change(f.settings.withMuteNonModerator(true));

        assertThat(out).containsExactly(
                new Instruction.SetMuted(id("ann"), true), play("ann", Prompt.CONFERENCE_MUTED),
                play("bob", Prompt.CONFERENCE_MUTED));
        assertThat(f.muted("mod")).isFalse();
        assertThat(f.keys("ann", "*1")).containsExactly(play("ann", Prompt.MUTE_NOT_ALLOWED));
        assertThat(change(f.settings)).as("the same settings again change nothing").isEmpty();
    }

    @Test
    void muteNonModeratorTurnedOffLetsThemUnmuteThemselvesButUnmutesNobody() {
        f.usePins();
        f.joinAsModerator("mod");
        f.joinAsParticipant("ann");
        change(f.settings.withMuteNonModerator(true));

        assertThat(change(f.settings.withMuteNonModerator(false))).isEmpty();

        assertThat(f.muted("ann")).isTrue();
        assertThat(f.keys("ann", "*1")).containsExactly(new Instruction.SetMuted(id("ann"), false),
                play("ann", Prompt.UNMUTED));
    }

    @Test
    void pinChangeAppliesToTheNextCallerOnlyAndNobodyInsideIsReprompted() {
        f.joinWithoutPin("ann");
        List<Instruction> out = change(f.settings.withPin("4321"));
        assertThat(out).isEmpty();
        assertThat(f.conference.participant(id("ann"))).hasValueSatisfying(p -> assertThat(p.inRoom()).isTrue());
        assertThat(f.arrive("bob")).containsExactly(play("bob", Prompt.PIN_REQUEST));
    }

    @Test
    void nobodyJoiningChangesTheSettingsInForce() {
        ConferenceSettings start = ConferenceSettings.DEFAULTS.withMaxMembers(2);
        Conference conference = new Conference(5L, ConferencePolicy.DEFAULTS, start);
        conference.arrive(new Caller(id("a"), "1", null), f.now);
        conference.arrive(new Caller(id("b"), "2", null), f.now);
        assertThat(conference.settings()).isEqualTo(start);
        assertThat(conference.arrive(new Caller(id("c"), "3", null), f.now))
                .contains(new Instruction.Hangup(id("c"), HangupReason.CONFERENCE_FULL));
    }

    @Test
    void newMusicOnHoldReachesWhoeverIsAloneNowAndResetToNullGivesThePrompt() {
        f.joinWithoutPin("ann");
        assertThat(change(f.settings.withMusicOnHoldSound(9L)))
                .containsExactly(new Instruction.StartMusicOnHold(id("ann"), new Audio.Sound(9L), true));
        assertThat(change(f.settings.withMusicOnHoldSound(null)))
                .containsExactly(new Instruction.StartMusicOnHold(id("ann"), Audio.of(Prompt.ONLY_PARTICIPANT), false));
        f.joinWithoutPin("bob");
        assertThat(change(f.settings.withMusicOnHoldSound(4L))).as("nobody is alone").isEmpty();
    }

    @Test
    void lastDialInParticipantLeavingEndsTheCallOfEveryInviteeAndCancelsPendingInvites() {
        f.joinWithoutPin("ann");
        f.joinWithoutPin("bob");
        InviteId answered = invite("ann", "0123");
        f.conference.inviteAnswered(answered, id("ext"), f.now);
        InviteId pending = invite("bob", "0456");

        assertThat(f.conference.leave(id("ann"), f.now)).doesNotContain(
                new Instruction.Hangup(id("ext"), HangupReason.CONFERENCE_ENDED));
        List<Instruction> out = f.conference.leave(id("bob"), f.now);

        assertThat(out).containsSubsequence(play("ext", Prompt.CONFERENCE_ENDED),
                new Instruction.Hangup(id("ext"), HangupReason.CONFERENCE_ENDED));
        assertThat(out).contains(new Instruction.CancelInviteCall(pending));
        assertThat(out).noneMatch(i -> i instanceof Instruction.StartMusicOnHold);
        assertThat(f.conference.isIdle()).isTrue();
    }

    @Test
    void aStoppingServerHangsUpEveryCallAtOnceAndCancelsPendingInvites() {
        f.usePins();
        f.joinAsModerator("mod");
        f.joinAsParticipant("ann");
        f.arrive("pat"); // still entering the PIN
        InviteId answered = invite("mod", "0123");
        f.conference.inviteAnswered(answered, id("ext"), f.now);
        InviteId pending = invite("ann", "0456");

        List<Instruction> out = f.conference.endForShutdown(f.now);

        assertThat(out).containsExactlyInAnyOrder(
                new Instruction.Hangup(id("pat"), HangupReason.SERVER_STOPPING),
                new Instruction.Hangup(id("mod"), HangupReason.SERVER_STOPPING),
                new Instruction.Hangup(id("ann"), HangupReason.SERVER_STOPPING),
                new Instruction.Hangup(id("ext"), HangupReason.SERVER_STOPPING),
                new Instruction.CancelInviteCall(pending));
        assertThat(f.conference.isIdle()).isTrue();
        assertThat(f.conference.leave(id("ann"), f.now)).as("the BYE that follows changes nothing").isEmpty();
    }

    @Test
    void inviterHearsRingbackWhileTheInviteRingsUntilTheOutcome() {
        f.joinWithoutPin("ann");
        f.joinWithoutPin("bob");
        InviteId first = invite("ann", "0123");
        InviteId second = invite("ann", "0456");

        assertThat(f.conference.inviteRinging(first, f.now)).containsExactly(new Instruction.StartRingback(id("ann")));
        assertThat(f.conference.inviteRinging(second, f.now)).as("already hearing it").isEmpty();
        assertThat(f.conference.inviteFailed(first, InviteFailure.BUSY, f.now))
                .as("the other invite still rings").containsExactly(play("ann", Prompt.INVITE_BUSY));
        assertThat(f.conference.inviteAnswered(second, id("ext"), f.now))
                .startsWith(new Instruction.StopRingback(id("ann")));
    }

    @Test
    void ringbackStopsBeforeTheInviterHearsWhyTheInviteFailed() {
        f.joinWithoutPin("ann");
        f.joinWithoutPin("bob");
        InviteId invite = invite("ann", "0123");
        f.conference.inviteRinging(invite, f.now);
        assertThat(f.conference.inviteFailed(invite, InviteFailure.NO_ANSWER, f.now)).containsExactly(
                new Instruction.StopRingback(id("ann")), play("ann", Prompt.INVITE_NO_ANSWER));
    }

    @Test
    void ringbackStopsWhenTheInviteIsCancelledByKeysOrTimesOut() {
        f.joinWithoutPin("ann");
        f.joinWithoutPin("bob");
        InviteId invite = invite("ann", "0123");
        f.conference.inviteRinging(invite, f.now);
        f.keys("ann", "*8");
        assertThat(f.keys("ann", "#")).containsExactly(new Instruction.CancelInviteCall(invite),
                new Instruction.StopRingback(id("ann")), play("ann", Prompt.INVITE_CANCELLED));

        InviteId late = invite("bob", "0789");
        f.conference.inviteRinging(late, f.now);
        f.advance(ConferencePolicy.DEFAULTS.inviteNoAnswerTimeout());
        assertThat(f.conference.tick(f.now)).containsExactly(new Instruction.StopRingback(id("bob")),
                new Instruction.CancelInviteCall(late), play("bob", Prompt.INVITE_NO_ANSWER));
    }
}
