package org.confbridge.domain.conference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.confbridge.domain.conference.ConferenceFixture.id;
import static org.confbridge.domain.conference.ConferenceFixture.play;

import java.time.Duration;
import org.confbridge.domain.participant.Origin;
import org.confbridge.domain.participant.Role;
import org.junit.jupiter.api.Test;

class ConferencePinAndAdmissionTest {

    private final ConferenceFixture f = new ConferenceFixture();

    @Test
    void withoutPinTheCallerEntersAsParticipantAtOnce() {
        assertThat(f.arrive("ann")).containsExactly(
                new Instruction.ConnectToRoom(id("ann"), false),
                new Instruction.StartMusicOnHold(id("ann"), Audio.of(Prompt.ONLY_PARTICIPANT), false));
        assertThat(f.conference.participant(id("ann"))).hasValueSatisfying(p -> {
            assertThat(p.role()).isEqualTo(Role.PARTICIPANT);
            assertThat(p.origin()).isEqualTo(Origin.DIAL_IN);
            assertThat(p.joinedAt()).isEqualTo(ConferenceFixture.T0);
        });
    }

    @Test
    void withPinTheCallerIsAskedAndHearsNothingOfTheRoomBeforeIt() {
        f.usePins();
        assertThat(f.arrive("ann")).containsExactly(play("ann", Prompt.PIN_REQUEST));
        assertThat(f.conference.participants()).isEmpty();
        assertThat(f.conference.callersEnteringPin()).isEqualTo(1);
        assertThat(f.keys("ann", "111")).isEmpty();
    }

    @Test
    void moderatorPinMakesAModeratorAndPinAParticipant() {
        f.usePins();
        f.joinAsModerator("mod");
        f.joinAsParticipant("ann");
        assertThat(f.conference.participant(id("mod")).orElseThrow().role()).isEqualTo(Role.MODERATOR);
        assertThat(f.conference.participant(id("ann")).orElseThrow().role()).isEqualTo(Role.PARTICIPANT);
        assertThat(f.conference.callersEnteringPin()).isZero();
    }

    @Test
    void wrongPinIsReAskedThenTheThirdFailsWithAPromptAndHangup() {
        f.usePins();
        f.arrive("eve");
        assertThat(f.keys("eve", "1#")).containsExactly(new Instruction.WrongPin(id("eve")), play("eve", Prompt.PIN_WRONG));
        assertThat(f.keys("eve", "2#")).containsExactly(new Instruction.WrongPin(id("eve")), play("eve", Prompt.PIN_WRONG));
        assertThat(f.keys("eve", "3#")).containsExactly(new Instruction.WrongPin(id("eve")), play("eve", Prompt.PIN_FAILED),
                new Instruction.Hangup(id("eve"), HangupReason.PIN_FAILED));
        assertThat(f.conference.isIdle()).isTrue();
    }

    @Test
    void silenceDuringPinEntryEndsTheCall() {
        f.usePins();
        f.arrive("eve");
        assertThat(f.conference.nextDeadline()).contains(ConferenceFixture.T0.plusSeconds(15));
        f.advance(Duration.ofSeconds(14));
        assertThat(f.conference.tick(f.now)).isEmpty();
        f.advance(Duration.ofSeconds(1));
        assertThat(f.conference.tick(f.now)).containsExactly(play("eve", Prompt.PIN_TIMEOUT),
                new Instruction.Hangup(id("eve"), HangupReason.PIN_TIMEOUT));
    }

    @Test
    void settingsAreTakenPerCallerSoAChangedPinReachesTheNextCaller() {
        f.usePins();
        f.arrive("ann");
        f.settings = f.settings.withPin("2222").withModeratorPin(null);
        f.arrive("bob");
        f.keys("ann", "1111#");
        f.keys("bob", "2222#");
        assertThat(f.conference.participants()).extracting(Participant::id).containsExactly(id("ann"), id("bob"));
        assertThat(f.conference.settings().pin()).isEqualTo("2222");
    }

    @Test
    void lockedConferenceRefusesEveryNewCallerModeratorsIncluded() {
        f.usePins();
        f.joinAsModerator("mod");
        f.keys("mod", "*92");
        assertThat(f.conference.admission()).isEqualTo(Admission.REFUSED_LOCKED);
        f.arrive("boss");
        assertThat(f.keys("boss", "9999#")).containsExactly(play("boss", Prompt.CONF_LOCKED),
                new Instruction.Hangup(id("boss"), HangupReason.CONFERENCE_LOCKED));
        assertThat(f.conference.participants()).hasSize(1);
    }

    @Test
    void fullConferenceRefusesWithASpokenReason() {
        f.settings = f.settings.withMaxMembers(2);
        f.arrive("a");
        f.arrive("b");
        assertThat(f.conference.admission()).isEqualTo(Admission.REFUSED_FULL);
        assertThat(f.arrive("c")).containsExactly(play("c", Prompt.CONF_FULL),
                new Instruction.Hangup(id("c"), HangupReason.CONFERENCE_FULL));
        f.conference.leave(id("b"), f.now);
        assertThat(f.arrive("c")).contains(new Instruction.ConnectToRoom(id("c"), false));
    }

    @Test
    void defaultLimitIsOneHundred() {
        for (int i = 0; i < 100; i++) {
            f.arrive("p" + i);
        }
        assertThat(f.arrive("late")).contains(play("late", Prompt.CONF_FULL));
        assertThat(f.conference.participants()).hasSize(100);
    }

    @Test
    void callersKeyingAPinDoNotTakeASeat() {
        f.usePins();
        f.settings = f.settings.withMaxMembers(1);
        f.arrive("a");
        f.arrive("b");
        f.keys("b", "1111#");
        assertThat(f.keys("a", "1111#")).containsExactly(play("a", Prompt.CONF_FULL),
                new Instruction.Hangup(id("a"), HangupReason.CONFERENCE_FULL));
    }

    @Test
    void sameCallTwiceIsAProgrammingError() {
        f.arrive("a");
        assertThatThrownBy(() -> f.arrive("a")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void announceCallerNameRecordsTheNameBeforeTheRoom() {
        f.settings = f.settings.withAnnounceCallerName(true);
        assertThat(f.arrive("ann")).containsExactly(play("ann", Prompt.SAY_NAME, Prompt.BEEP),
                new Instruction.RecordName(id("ann"), Duration.ofSeconds(4)));
        assertThat(f.conference.participant(id("ann")).orElseThrow().inRoom()).isFalse();
        assertThat(f.keys("ann", "#")).containsExactly(new Instruction.FinishNameRecording(id("ann")));
        assertThat(f.conference.nameRecorded(id("ann"), "name-ann", f.now))
                .contains(new Instruction.ConnectToRoom(id("ann"), false));
        assertThat(f.conference.participant(id("ann")).orElseThrow().inRoom()).isTrue();
        // A second report changes nothing.
        assertThat(f.conference.nameRecorded(id("ann"), "again", f.now)).isEmpty();
    }

    @Test
    void aCallerRecordingTheirNameHoldsTheirSeatEvenIfTheConferenceLocksMeanwhile() {
        f.usePins();
        f.settings = f.settings.withAnnounceCallerName(true);
        f.joinAsModerator("mod");
        f.conference.nameRecorded(id("mod"), "n-mod", f.now);
        f.joinAsParticipant("ann");
        f.keys("mod", "*92");
        assertThat(f.conference.nameRecorded(id("ann"), "n-ann", f.now))
                .contains(new Instruction.ConnectToRoom(id("ann"), false));
    }

    @Test
    void keysFromUnknownCallsAreIgnoredButNonKeysAreRejected() {
        assertThat(f.conference.pressKey(id("ghost"), '*', f.now)).isEmpty();
        assertThat(f.conference.leave(id("ghost"), f.now)).isEmpty();
        assertThatThrownBy(() -> f.conference.pressKey(id("ghost"), 'x', f.now))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
