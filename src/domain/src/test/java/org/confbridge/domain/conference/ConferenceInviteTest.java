package org.confbridge.domain.conference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confbridge.domain.conference.ConferenceFixture.id;
import static org.confbridge.domain.conference.ConferenceFixture.play;

import java.time.Duration;
import java.util.List;
import org.confbridge.domain.invite.InviteFailure;
import org.confbridge.domain.invite.InviteId;
import org.confbridge.domain.invite.InviteNumber;
import org.confbridge.domain.participant.Origin;
import org.confbridge.domain.participant.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConferenceInviteTest {

    private final ConferenceFixture f = new ConferenceFixture();

    @BeforeEach
    void twoInTheRoom() {
        f.arrive("ann");
        f.arrive("bob");
    }

    private InviteId inviteByKeys(String inviter, String number) {
        assertThat(f.keys(inviter, "*8")).containsExactly(play(inviter, Prompt.INVITE_ENTER_NUMBER));
        List<Instruction> out = f.keys(inviter, number + "#");
        assertThat(out).hasSize(2).last().isEqualTo(play(inviter, Prompt.INVITE_CALLING));
        Instruction.PlaceInviteCall call = (Instruction.PlaceInviteCall) out.get(0);
        assertThat(call.number()).isEqualTo(InviteNumber.of(number));
        assertThat(call.inviter()).isEqualTo(id(inviter));
        return call.invite();
    }

    @Test
    void starEightCollectsANumberAndPlacesTheCall() {
        InviteId invite = inviteByKeys("ann", "004930123");
        assertThat(f.conference.pendingInvites()).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo(invite);
            assertThat(p.state()).isEqualTo(InviteState.CALLING);
            assertThat(p.inviter()).isEqualTo(id("ann"));
        });
        f.conference.inviteRinging(invite, f.now);
        assertThat(f.conference.pendingInvites().get(0).state()).isEqualTo(InviteState.RINGING);
    }

    @Test
    void answeredInviteeJoinsAsInvitedWithTheUsualNotification() {
        InviteId invite = inviteByKeys("ann", "004930123");
        assertThat(f.conference.inviteAnswered(invite, id("ext"), f.now)).containsExactly(
                new Instruction.ConnectToRoom(id("ext"), false),
                new Instruction.PlayToRoom(List.of(Audio.of(Prompt.ENTER_TONE)), id("ext")));
        Participant ext = f.conference.participant(id("ext")).orElseThrow();
        assertThat(ext.origin()).isEqualTo(Origin.INVITED);
        assertThat(ext.role()).isEqualTo(Role.PARTICIPANT);
        assertThat(ext.number()).isEqualTo("004930123");
        assertThat(ext.invitedBy()).isEqualTo(id("ann"));
        assertThat(f.conference.pendingInvites()).isEmpty();
    }

    @Test
    void invitedParticipantsUseNoKeys() {
        InviteId invite = inviteByKeys("ann", "004930123");
        f.conference.inviteAnswered(invite, id("ext"), f.now);
        assertThat(f.keys("ext", "*1")).isEmpty();
        assertThat(f.keys("ext", "*8")).isEmpty();
        assertThat(f.keys("ext", "*7")).isEmpty();
        assertThat(f.muted("ext")).isFalse();
        assertThat(f.conference.requestInvite(id("ext"), "0123", f.now))
                .isInstanceOfSatisfying(InviteDecision.Refused.class,
                        r -> assertThat(r.reason()).isEqualTo(InviteRefusal.NOT_ALLOWED));
    }

    @Test
    void recordEnabledRecordsTheInviteeAndTellsThem() {
        f.settings = f.settings.withRecordEnabled(true);
        f.conference.changeSettings(f.settings, f.now);
        InviteId invite = inviteByKeys("ann", "004930123");
        assertThat(f.conference.inviteAnswered(invite, id("ext"), f.now)).startsWith(
                new Instruction.StartRecording(id("ext"), InviteNumber.of("004930123"), id("ann")),
                play("ext", Prompt.RECORDING_NOTICE),
                new Instruction.ConnectToRoom(id("ext"), false));
    }

    @Test
    void dialInParticipantsAreNeverRecorded() {
        f.settings = f.settings.withRecordEnabled(true);
        assertThat(f.arrive("cat")).noneMatch(i -> i instanceof Instruction.StartRecording);
    }

    @Test
    void invitedParticipantEntersMutedUnderMuteNonModerator() {
        f.conference.changeSettings(f.settings.withMuteNonModerator(true), f.now);
        InviteId invite = inviteByKeys("ann", "0123");
        assertThat(f.conference.inviteAnswered(invite, id("ext"), f.now))
                .contains(new Instruction.ConnectToRoom(id("ext"), true));
    }

    @Test
    void nonModeratorMayInviteUnderMuteNonModerator() {
        f.conference.changeSettings(f.settings.withMuteNonModerator(true), f.now);
        inviteByKeys("bob", "0123");
    }

    @ParameterizedTest
    @CsvSource({"BUSY,INVITE_BUSY", "NO_ANSWER,INVITE_NO_ANSWER", "REJECTED,INVITE_FAILED",
            "UNREACHABLE,INVITE_FAILED", "INVALID_NUMBER,INVITE_INVALID_NUMBER"})
    void failedInviteTellsTheInviterWhy(InviteFailure failure, Prompt prompt) {
        InviteId invite = inviteByKeys("ann", "0123");
        assertThat(f.conference.inviteFailed(invite, failure, f.now)).containsExactly(play("ann", prompt));
        assertThat(f.conference.pendingInvites()).isEmpty();
        assertThat(f.conference.inviteFailed(invite, failure, f.now)).isEmpty();
    }

    @Test
    void unansweredInviteIsCancelledAfterTheNoAnswerTimeout() {
        InviteId invite = inviteByKeys("ann", "0123");
        assertThat(f.conference.nextDeadline()).contains(f.now.plusSeconds(30));
        f.advance(Duration.ofSeconds(30));
        assertThat(f.conference.tick(f.now)).containsExactly(new Instruction.CancelInviteCall(invite),
                play("ann", Prompt.INVITE_NO_ANSWER));
        // The callee picks up just too late: the leg is hung up, nothing is left half-open.
        assertThat(f.conference.inviteAnswered(invite, id("late"), f.now))
                .containsExactly(new Instruction.Hangup(id("late"), HangupReason.INVITE_CANCELLED));
        assertThat(f.conference.participant(id("late"))).isEmpty();
    }

    @Test
    void invalidNumberIsToldAtOnce() {
        f.keys("ann", "*8");
        assertThat(f.keys("ann", "1#")).containsExactly(play("ann", Prompt.INVITE_INVALID_NUMBER));
        assertThat(f.conference.pendingInvites()).isEmpty();
    }

    @Test
    void lettersInTheNumberMakeItInvalid() {
        f.keys("ann", "*8");
        assertThat(f.keys("ann", "12A4#")).containsExactly(play("ann", Prompt.INVITE_INVALID_NUMBER));
    }

    @Test
    void starCancelsTheNumberEntry() {
        f.keys("ann", "*8");
        assertThat(f.keys("ann", "12*")).containsExactly(play("ann", Prompt.INVITE_CANCELLED));
        assertThat(f.keys("ann", "*1")).contains(play("ann", Prompt.MUTED));
    }

    @Test
    void silentNumberEntryTimesOut() {
        f.keys("ann", "*8");
        f.keys("ann", "12");
        f.advance(Duration.ofSeconds(10));
        assertThat(f.conference.tick(f.now)).containsExactly(play("ann", Prompt.INVITE_CANCELLED));
    }

    @Test
    void starEightHashCancelsOnesPendingInvites() {
        InviteId invite = inviteByKeys("ann", "0123");
        inviteByKeys("bob", "0456");
        f.keys("ann", "*8");
        assertThat(f.keys("ann", "#")).containsExactly(new Instruction.CancelInviteCall(invite),
                play("ann", Prompt.INVITE_CANCELLED));
        assertThat(f.conference.pendingInvites()).extracting(p -> p.number().value()).containsExactly("0456");
    }

    @Test
    void starEightHashWithNothingPendingIsAnInvalidNumber() {
        f.keys("ann", "*8");
        assertThat(f.keys("ann", "#")).containsExactly(play("ann", Prompt.INVITE_INVALID_NUMBER));
    }

    @Test
    void lockedConferenceRefusesTheInviteUpFront() {
        f.conference.lock();
        f.keys("ann", "*8");
        assertThat(f.keys("ann", "0123#")).containsExactly(play("ann", Prompt.INVITE_CONFERENCE_LOCKED));
        assertThat(f.conference.pendingInvites()).isEmpty();
    }

    @Test
    void conferenceLockedWhileRingingRefusesTheInvitee() {
        InviteId invite = inviteByKeys("ann", "0123");
        f.conference.lock();
        assertThat(f.conference.inviteAnswered(invite, id("ext"), f.now)).containsExactly(
                play("ext", Prompt.CONF_LOCKED), new Instruction.Hangup(id("ext"), HangupReason.CONFERENCE_LOCKED),
                play("ann", Prompt.INVITE_CONFERENCE_LOCKED));
        assertThat(f.conference.participant(id("ext"))).isEmpty();
    }

    @Test
    void pendingInvitesCountTowardsFullAtRequestTime() {
        f.conference.changeSettings(f.settings.withMaxMembers(3), f.now);
        inviteByKeys("ann", "0123");
        f.keys("bob", "*8");
        assertThat(f.keys("bob", "0456#")).containsExactly(play("bob", Prompt.INVITE_CONFERENCE_FULL));
    }

    @Test
    void conferenceFullWhenTheInviteeAnswersRefusesThem() {
        f.settings = f.settings.withMaxMembers(3);
        f.conference.changeSettings(f.settings, f.now);
        InviteId invite = inviteByKeys("ann", "0123");
        f.arrive("cat");
        assertThat(f.conference.inviteAnswered(invite, id("ext"), f.now)).containsExactly(
                play("ext", Prompt.CONF_FULL), new Instruction.Hangup(id("ext"), HangupReason.CONFERENCE_FULL),
                play("ann", Prompt.INVITE_CONFERENCE_FULL));
    }

    @Test
    void theSameNumberIsNotCalledTwice() {
        inviteByKeys("ann", "0123");
        f.keys("bob", "*8");
        assertThat(f.keys("bob", "0123#")).containsExactly(play("bob", Prompt.INVITE_CALLING));
        assertThat(f.conference.pendingInvites()).hasSize(1);
    }

    @Test
    void pendingInvitesPerInviterAreLimited() {
        inviteByKeys("ann", "01");
        inviteByKeys("ann", "02");
        inviteByKeys("ann", "03");
        assertThat(f.keys("ann", "*8")).containsExactly(play("ann", Prompt.ERROR_TONE));
        assertThat(f.keys("ann", "04#")).isEmpty();
    }

    @Test
    void inviteOverRestHasTheSameRulesAndNoInviterPrompts() {
        InviteDecision ok = f.conference.requestInvite(null, "+4930123", f.now);
        assertThat(ok).isInstanceOfSatisfying(InviteDecision.Started.class, s -> {
            assertThat(s.invite().inviter()).isNull();
            assertThat(s.instructions()).containsExactly(
                    new Instruction.PlaceInviteCall(s.invite().id(), InviteNumber.of("+4930123"), null));
        });
        assertThat(f.conference.requestInvite(null, "abc", f.now)).isInstanceOfSatisfying(
                InviteDecision.Refused.class, r -> {
                    assertThat(r.reason()).isEqualTo(InviteRefusal.INVALID_NUMBER);
                    assertThat(r.message()).contains("only digits");
                    assertThat(r.instructions()).isEmpty();
                });
        f.conference.lock();
        assertThat(f.conference.requestInvite(null, "0999", f.now)).isInstanceOfSatisfying(
                InviteDecision.Refused.class, r -> assertThat(r.reason()).isEqualTo(InviteRefusal.CONFERENCE_LOCKED));
    }

    @Test
    void restInviteIntoAnEmptyConferenceIsRefused() {
        Conference empty = new Conference(1L, ConferencePolicy.DEFAULTS);
        assertThat(empty.requestInvite(null, "0123", f.now)).isInstanceOfSatisfying(InviteDecision.Refused.class,
                r -> assertThat(r.reason()).isEqualTo(InviteRefusal.CONFERENCE_EMPTY));
    }

    @Test
    void restCancelTellsTheInviter() {
        InviteId invite = inviteByKeys("ann", "0123");
        assertThat(f.conference.cancelInvite(invite, f.now)).containsExactly(new Instruction.CancelInviteCall(invite),
                play("ann", Prompt.INVITE_CANCELLED));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.conference.cancelInvite(invite, f.now))
                .isInstanceOf(NotInConferenceException.class).hasMessageContaining("pending invite");
    }

    @Test
    void inviterLeavingDoesNotCancelTheInviteButTheLastOneLeavingDoes() {
        InviteId invite = inviteByKeys("ann", "0123");
        f.conference.leave(id("ann"), f.now);
        assertThat(f.conference.pendingInvites()).hasSize(1);
        assertThat(f.conference.inviteFailed(invite, InviteFailure.BUSY, f.now)).as("inviter gone: nobody to tell")
                .isEmpty();
        InviteId second = inviteByKeys("bob", "0456");
        assertThat(f.conference.leave(id("bob"), f.now)).contains(new Instruction.CancelInviteCall(second));
        assertThat(f.conference.isIdle()).isTrue();
    }
}
