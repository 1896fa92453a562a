package org.confbridge.domain.conference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confbridge.domain.conference.ConferenceFixture.id;
import static org.confbridge.domain.conference.ConferenceFixture.play;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConferenceJoinLeaveTest {

    private final ConferenceFixture f = new ConferenceFixture();

    @Test
    void aloneWithoutMusicOnHoldSoundHearsTheOnlyParticipantPromptOnce() {
        assertThat(f.arrive("ann")).contains(
                new Instruction.StartMusicOnHold(id("ann"), Audio.of(Prompt.ONLY_PARTICIPANT), false));
    }

    @Test
    void musicOnHoldSoundLoopsWhileAloneAndStopsWhenASecondEnters() {
        f.settings = f.settings.withMusicOnHoldSound(7L);
        assertThat(f.arrive("ann")).contains(new Instruction.StartMusicOnHold(id("ann"), new Audio.Sound(7L), true));
        assertThat(f.arrive("bob")).containsExactly(
                new Instruction.ConnectToRoom(id("bob"), false),
                new Instruction.StopMusicOnHold(id("ann")),
                new Instruction.PlayToRoom(List.of(Audio.of(Prompt.ENTER_TONE)), id("bob")));
    }

    @Test
    void musicOnHoldRestartsForWhoeverIsAloneAgain() {
        f.settings = f.settings.withMusicOnHoldSound(7L);
        f.arrive("ann");
        f.arrive("bob");
        assertThat(f.conference.leave(id("ann"), f.now)).containsExactly(
                new Instruction.StartMusicOnHold(id("bob"), new Audio.Sound(7L), true));
    }

    @Test
    void noMusicOnHoldChangeWithThreeOrMore() {
        f.arrive("a");
        f.arrive("b");
        assertThat(f.arrive("c")).noneMatch(i -> i instanceof Instruction.StopMusicOnHold
                || i instanceof Instruction.StartMusicOnHold);
        assertThat(f.conference.leave(id("c"), f.now)).isEmpty();
        assertThat(f.conference.leave(id("b"), f.now)).containsExactly(
                new Instruction.StartMusicOnHold(id("a"), Audio.of(Prompt.ONLY_PARTICIPANT), false));
    }

    @Test
    void enterSoundPlaysToTheRoomExceptTheNewcomer() {
        f.settings = f.settings.withEnterSound(5L);
        f.arrive("ann");
        assertThat(f.arrive("bob")).contains(new Instruction.PlayToRoom(List.of(new Audio.Sound(5L)), id("bob")));
    }

    @Test
    void builtInToneWhenNoEnterSound() {
        f.arrive("ann");
        assertThat(f.arrive("bob")).contains(
                new Instruction.PlayToRoom(List.of(Audio.of(Prompt.ENTER_TONE)), id("bob")));
    }

    @Test
    void announcedNameFollowsTheEnterSoundAndIsSaidAgainOnLeave() {
        f.settings = f.settings.withAnnounceCallerName(true);
        f.arrive("ann");
        f.conference.nameRecorded(id("ann"), "rec-ann", f.now);
        f.arrive("bob");
        assertThat(f.conference.nameRecorded(id("bob"), "rec-bob", f.now)).contains(new Instruction.PlayToRoom(
                List.of(Audio.of(Prompt.ENTER_TONE), new Audio.RecordedName("rec-bob"), Audio.of(Prompt.HAS_JOINED)),
                id("bob")));
        f.arrive("cat");
        f.conference.nameRecorded(id("cat"), "rec-cat", f.now);
        assertThat(f.conference.leave(id("bob"), f.now)).containsExactly(new Instruction.PlayToRoom(
                List.of(new Audio.RecordedName("rec-bob"), Audio.of(Prompt.HAS_LEFT)), null));
    }

    @Test
    void withoutARecordingOnlyTheEnterSoundPlays() {
        f.settings = f.settings.withAnnounceCallerName(true);
        f.arrive("ann");
        f.conference.nameRecorded(id("ann"), null, f.now);
        f.arrive("bob");
        assertThat(f.conference.nameRecorded(id("bob"), null, f.now)).contains(
                new Instruction.PlayToRoom(List.of(Audio.of(Prompt.ENTER_TONE)), id("bob")));
        assertThat(f.conference.leave(id("bob"), f.now)).noneMatch(i -> i instanceof Instruction.PlayToRoom);
    }

    @Test
    void notificationsOffSilencesNamesOnLeaveToo() {
        f.settings = f.settings.withAnnounceCallerName(true).withPin("1111").withModeratorPin("9999");
        f.joinAsModerator("mod");
        f.conference.nameRecorded(id("mod"), "rec-mod", f.now);
        f.joinAsParticipant("ann");
        f.conference.nameRecorded(id("ann"), "rec-ann", f.now);
        f.arrive("bob");
        f.keys("bob", "1111#");
        f.conference.nameRecorded(id("bob"), "rec-bob", f.now);
        f.keys("mod", "*94");
        assertThat(f.conference.leave(id("ann"), f.now)).isEmpty();
    }

    @Test
    void muteNonModeratorMutesNonModeratorsOnEntryButNeverModerators() {
        f.usePins();
        f.settings = f.settings.withMuteNonModerator(true);
        f.arrive("mod");
        assertThat(f.keys("mod", "9999#")).contains(new Instruction.ConnectToRoom(id("mod"), false));
        f.arrive("ann");
        assertThat(f.keys("ann", "1111#")).contains(new Instruction.ConnectToRoom(id("ann"), true));
    }

    @Test
    void lastOneLeavingResetsTheRuntimeFlags() {
        f.usePins();
        f.joinAsModerator("mod");
        f.keys("mod", "*91");
        f.keys("mod", "*92");
        f.keys("mod", "*94");
        f.conference.leave(id("mod"), f.now);
        assertThat(f.conference.isLocked()).isFalse();
        assertThat(f.conference.isMuteAllActive()).isFalse();
        assertThat(f.conference.joinNotificationsOn()).isTrue();
        assertThat(f.conference.isIdle()).isTrue();
        f.joinAsParticipant("ann");
        assertThat(f.muted("ann")).isFalse();
    }

    @Test
    void leaveIsIdempotentAndForgetsAPinCaller() {
        f.usePins();
        f.arrive("ann");
        assertThat(f.conference.leave(id("ann"), f.now)).isEmpty();
        assertThat(f.conference.leave(id("ann"), f.now)).isEmpty();
        assertThat(f.conference.isIdle()).isTrue();
    }

    @Test
    void removeByAdministratorSaysGoodbyeAndHangsUp() {
        f.arrive("ann");
        f.arrive("bob");
        assertThat(f.conference.remove(id("bob"), f.now)).containsExactly(play("bob", Prompt.GOODBYE),
                new Instruction.Hangup(id("bob"), HangupReason.REMOVED),
                new Instruction.StartMusicOnHold(id("ann"), Audio.of(Prompt.ONLY_PARTICIPANT), false));
        assertThat(f.conference.participants()).extracting(Participant::id).containsExactly(id("ann"));
    }

    @Test
    void restMuteOfOneParticipant() {
        f.arrive("ann");
        assertThat(f.conference.setMuted(id("ann"), true)).containsExactly(new Instruction.SetMuted(id("ann"), true));
        assertThat(f.conference.setMuted(id("ann"), true)).isEmpty();
        assertThat(f.muted("ann")).isTrue();
    }

    @Test
    void restActionsOnAnUnknownParticipantSayNotFound() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.conference.setMuted(id("ghost"), true))
                .isInstanceOf(NotInConferenceException.class).hasMessageContaining("ghost");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.conference.remove(id("ghost"), f.now))
                .isInstanceOf(NotInConferenceException.class);
    }

    @Test
    void restMuteBeforeEnteringTheRoomIsKept() {
        f.settings = f.settings.withAnnounceCallerName(true);
        f.arrive("ann");
        assertThat(f.conference.setMuted(id("ann"), true)).as("not connected yet: nothing to carry out").isEmpty();
        assertThat(f.conference.nameRecorded(id("ann"), null, f.now))
                .contains(new Instruction.ConnectToRoom(id("ann"), true));
    }

    @Test
    void participantsAreListedInOrderOfAdmission() {
        f.arrive("ann");
        f.arrive("bob");
        assertThat(f.conference.participants()).extracting(Participant::displayName).containsExactly("ann", "bob");
    }
}
