package org.confbridge.domain.conference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confbridge.domain.conference.ConferenceFixture.id;
import static org.confbridge.domain.conference.ConferenceFixture.play;

import java.time.Duration;
import org.confbridge.domain.keys.KeyCommand;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** One test per key (and per property that changes what a key does). */
class ConferenceKeysTest {

    private final ConferenceFixture f = new ConferenceFixture();

    @BeforeEach
    void moderatorAndTwoParticipants() {
        f.usePins();
        f.joinAsModerator("mod");
        f.joinAsParticipant("ann");
        f.joinAsParticipant("bob");
    }

    @Test
    void starOneTogglesOwnMicWithAConfirmationToThePresserOnly() {
        assertThat(f.keys("ann", "*1")).containsExactly(new Instruction.SetMuted(id("ann"), true),
                play("ann", Prompt.MUTED));
        assertThat(f.muted("ann")).isTrue();
        assertThat(f.keys("ann", "*1")).containsExactly(new Instruction.SetMuted(id("ann"), false),
                play("ann", Prompt.UNMUTED));
        assertThat(f.muted("ann")).isFalse();
    }

    @Test
    void starOneIsRefusedToNonModeratorsUnderMuteNonModerator() {
        f.settings = f.settings.withMuteNonModerator(true);
        f.joinAsParticipant("cat");
        assertThat(f.muted("cat")).isTrue();
        assertThat(f.keys("cat", "*1")).containsExactly(play("cat", Prompt.MUTE_NOT_ALLOWED));
        assertThat(f.muted("cat")).isTrue();
    }

    @Test
    void moderatorMayUseStarOneUnderMuteNonModerator() {
        f.settings = f.settings.withMuteNonModerator(true);
        f.joinAsModerator("boss");
        assertThat(f.muted("boss")).isFalse();
        assertThat(f.keys("boss", "*1")).containsExactly(new Instruction.SetMuted(id("boss"), true),
                play("boss", Prompt.MUTED));
    }

    @Test
    void starNinetyOneMutesAllNonModeratorsAndThoseWhoJoinAfter() {
        assertThat(f.keys("mod", "*91")).containsExactly(new Instruction.SetMuted(id("ann"), true),
                new Instruction.SetMuted(id("bob"), true), play("mod", Prompt.ALL_MUTED));
        assertThat(f.muted("mod")).isFalse();
        assertThat(f.conference.isMuteAllActive()).isTrue();
        f.joinAsParticipant("late");
        assertThat(f.muted("late")).isTrue();
        f.joinAsModerator("mod2");
        assertThat(f.muted("mod2")).isFalse();
    }

    @Test
    void starNinetyUnmutesAllNonModeratorsAndEndsMuteAll() {
        f.keys("mod", "*91");
        f.keys("mod", "*1");
        assertThat(f.keys("mod", "*90")).containsExactly(new Instruction.SetMuted(id("ann"), false),
                new Instruction.SetMuted(id("bob"), false), play("mod", Prompt.ALL_UNMUTED));
        assertThat(f.muted("mod")).as("moderators are left alone").isTrue();
        f.joinAsParticipant("late");
        assertThat(f.muted("late")).isFalse();
    }

    @Test
    void starNinetyAlsoUnmutesThoseMutedByMuteNonModerator() {
        f.settings = f.settings.withMuteNonModerator(true);
        f.joinAsParticipant("cat");
        assertThat(f.keys("mod", "*90")).contains(new Instruction.SetMuted(id("cat"), false),
                play("mod", Prompt.ALL_UNMUTED));
        assertThat(f.muted("cat")).isFalse();
    }

    @Test
    void participantMayUnmuteThemselvesAfterStarNinetyOneWithoutMuteNonModerator() {
        f.keys("mod", "*91");
        assertThat(f.keys("ann", "*1")).containsExactly(new Instruction.SetMuted(id("ann"), false),
                play("ann", Prompt.UNMUTED));
    }

    @Test
    void starNinetyTwoLocksAndNinetyThreeUnlocks() {
        assertThat(f.keys("mod", "*92")).containsExactly(play("mod", Prompt.LOCKED));
        assertThat(f.conference.isLocked()).isTrue();
        assertThat(f.keys("mod", "*93")).containsExactly(play("mod", Prompt.UNLOCKED));
        assertThat(f.conference.isLocked()).isFalse();
        f.joinAsParticipant("late");
        assertThat(f.conference.participant(id("late"))).isPresent();
    }

    @Test
    void starNinetyFourSilencesJoinNotificationsAndNinetyFiveRestoresThem() {
        assertThat(f.keys("mod", "*94")).containsExactly(play("mod", Prompt.NOTIFICATIONS_OFF));
        f.joinAsParticipant("quiet");
        assertThat(f.conference.joinNotificationsOn()).isFalse();
        assertThat(f.keys("mod", "*95")).containsExactly(play("mod", Prompt.NOTIFICATIONS_ON));
        f.arrive("loud");
        assertThat(f.keys("loud", "1111#"))
                .contains(new Instruction.PlayToRoom(java.util.List.of(Audio.of(Prompt.ENTER_TONE)), id("loud")));
    }

    @Test
    void starNinetyFourMeansNoAnnouncementForTheNextCaller() {
        f.keys("mod", "*94");
        f.arrive("quiet");
        assertThat(f.keys("quiet", "1111#")).noneMatch(i -> i instanceof Instruction.PlayToRoom);
    }

    @ParameterizedTest
    @EnumSource(value = KeyCommand.class, names = {"UNMUTE_ALL", "MUTE_ALL", "LOCK", "UNLOCK",
            "NOTIFICATIONS_OFF", "NOTIFICATIONS_ON"})
    void moderatorKeysFromANonModeratorGetARefusalAndChangeNothing(KeyCommand command) {
        assertThat(f.keys("ann", command.sequence())).containsExactly(play("ann", Prompt.MODERATOR_ONLY));
        assertThat(f.conference.isLocked()).isFalse();
        assertThat(f.conference.isMuteAllActive()).isFalse();
        assertThat(f.conference.joinNotificationsOn()).isTrue();
        assertThat(f.muted("bob")).isFalse();
    }

    @Test
    void unknownSequenceGetsAnErrorTone() {
        assertThat(f.keys("ann", "*7")).containsExactly(play("ann", Prompt.ERROR_TONE));
        assertThat(f.keys("mod", "*99")).containsExactly(play("mod", Prompt.ERROR_TONE));
    }

    @Test
    void halfTypedSequenceTimesOutWithAnErrorTone() {
        f.keys("mod", "*9");
        assertThat(f.conference.nextDeadline()).contains(f.now.plusSeconds(3));
        f.advance(Duration.ofSeconds(3));
        assertThat(f.conference.tick(f.now)).containsExactly(play("mod", Prompt.ERROR_TONE));
        assertThat(f.conference.isLocked()).isFalse();
        assertThat(f.conference.nextDeadline()).isEmpty();
    }

    @Test
    void aKeyAfterAnUnnoticedTimeoutFirstGetsTheErrorToneThenCountsAfresh() {
        f.keys("mod", "*9");
        f.advance(Duration.ofSeconds(4)); // no tick yet
        assertThat(f.keys("mod", "*")).containsExactly(play("mod", Prompt.ERROR_TONE));
        assertThat(f.keys("mod", "92")).containsExactly(play("mod", Prompt.LOCKED));
    }

    @Test
    void digitsAndHashOutsideACommandMeanNothing() {
        assertThat(f.keys("ann", "123#")).isEmpty();
        assertThat(f.conference.nextDeadline()).isEmpty();
    }

    @Test
    void keysOfDifferentParticipantsDoNotMix() {
        f.conference.pressKey(id("mod"), '*', f.now);
        f.conference.pressKey(id("ann"), '*', f.now);
        f.conference.pressKey(id("mod"), '9', f.now);
        assertThat(f.conference.pressKey(id("ann"), '1', f.now)).contains(play("ann", Prompt.MUTED));
        assertThat(f.conference.pressKey(id("mod"), '2', f.now)).containsExactly(play("mod", Prompt.LOCKED));
    }

    @Test
    void handleKeyIsTheDecisionTableAndCanBeCalledDirectly() {
        assertThat(f.conference.handleKey(id("mod"), KeyCommand.LOCK, f.now)).containsExactly(play("mod", Prompt.LOCKED));
        assertThat(f.conference.handleKey(id("ghost"), KeyCommand.LOCK, f.now)).isEmpty();
    }
}
