package org.confbridge.domain.pin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.confbridge.domain.participant.Role;
import org.confbridge.domain.pin.PinOutcome.PinPrompt;
import org.confbridge.domain.settings.ConferenceSettings;
import org.junit.jupiter.api.Test;

class PinEntryTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private static final PinPolicy POLICY = new PinPolicy(3, Duration.ofSeconds(10));
    private static final ConferenceSettings WITH_PINS =
            ConferenceSettings.DEFAULTS.withPin("1234").withModeratorPin("9999");

    private static PinOutcome type(PinEntry entry, String keys) {
        PinOutcome last = entry.outcome();
        for (char c : keys.toCharArray()) {
            last = entry.press(c, T0);
        }
        return last;
    }

    @Test
    void withoutPinTheCallerIsAParticipantWithoutBeingAsked() {
        PinEntry entry = PinEntry.start(ConferenceSettings.DEFAULTS, POLICY, T0);
        assertThat(entry.outcome()).isEqualTo(new PinOutcome.Granted(Role.PARTICIPANT));
        assertThat(entry.deadline()).isEmpty();
    }

    @Test
    void withPinTheCallerIsAsked() {
        PinEntry entry = PinEntry.start(WITH_PINS, POLICY, T0);
        assertThat(entry.outcome()).isEqualTo(new PinOutcome.Waiting(PinPrompt.PIN_REQUEST));
        assertThat(entry.deadline()).contains(T0.plusSeconds(10));
    }

    @Test
    void participantPinMakesAParticipant() {
        assertThat(type(PinEntry.start(WITH_PINS, POLICY, T0), "1234#"))
                .isEqualTo(new PinOutcome.Granted(Role.PARTICIPANT));
    }

    @Test
    void moderatorPinMakesAModerator() {
        assertThat(type(PinEntry.start(WITH_PINS, POLICY, T0), "9999#"))
                .isEqualTo(new PinOutcome.Granted(Role.MODERATOR));
    }

    @Test
    void digitsWithoutHashAreNotYetChecked() {
        assertThat(type(PinEntry.start(WITH_PINS, POLICY, T0), "1234")).isEqualTo(new PinOutcome.Waiting(null));
    }

    @Test
    void wrongPinIsReAskedAndTheThirdWrongOneFails() {
        PinEntry entry = PinEntry.start(WITH_PINS, POLICY, T0);
        assertThat(type(entry, "1111#")).isEqualTo(new PinOutcome.Waiting(PinPrompt.PIN_WRONG));
        assertThat(type(entry, "12345#")).isEqualTo(new PinOutcome.Waiting(PinPrompt.PIN_WRONG));
        assertThat(type(entry, "123#"))
                .isEqualTo(new PinOutcome.Denied(PinOutcome.Reason.TOO_MANY_WRONG_PINS, PinPrompt.PIN_FAILED));
        assertThat(entry.isFinished()).isTrue();
        assertThat(entry.wrongAttempts()).isEqualTo(3);
        // Keys after the end change nothing.
        assertThat(type(entry, "1234#")).isInstanceOf(PinOutcome.Denied.class);
    }

    @Test
    void rightPinAfterAWrongOneIsAccepted() {
        PinEntry entry = PinEntry.start(WITH_PINS, POLICY, T0);
        type(entry, "4321#");
        assertThat(type(entry, "1234#")).isEqualTo(new PinOutcome.Granted(Role.PARTICIPANT));
    }

    @Test
    void hashAloneCountsAsAWrongAttempt() {
        PinEntry entry = PinEntry.start(WITH_PINS, POLICY, T0);
        assertThat(type(entry, "#")).isEqualTo(new PinOutcome.Waiting(PinPrompt.PIN_WRONG));
        assertThat(entry.wrongAttempts()).isEqualTo(1);
    }

    @Test
    void starClearsTheEntryWithoutUsingAnAttempt() {
        PinEntry entry = PinEntry.start(WITH_PINS, POLICY, T0);
        assertThat(type(entry, "77*1234#")).isEqualTo(new PinOutcome.Granted(Role.PARTICIPANT));
        assertThat(entry.wrongAttempts()).isZero();
    }

    @Test
    void lettersAreIgnored() {
        assertThat(type(PinEntry.start(WITH_PINS, POLICY, T0), "12A34#"))
                .isEqualTo(new PinOutcome.Granted(Role.PARTICIPANT));
    }

    @Test
    void overlongEntryIsWrongNotAMatchOfItsPrefix() {
        PinEntry entry = PinEntry.start(ConferenceSettings.DEFAULTS.withPin("1234567890123456"), POLICY, T0);
        assertThat(type(entry, "12345678901234567#")).isEqualTo(new PinOutcome.Waiting(PinPrompt.PIN_WRONG));
    }

    @Test
    void silenceFailsTheEntry() {
        PinEntry entry = PinEntry.start(WITH_PINS, POLICY, T0);
        assertThat(entry.tick(T0.plusSeconds(9))).isEqualTo(new PinOutcome.Waiting(null));
        assertThat(entry.tick(T0.plusSeconds(10)))
                .isEqualTo(new PinOutcome.Denied(PinOutcome.Reason.TIMEOUT, PinPrompt.PIN_TIMEOUT));
    }

    @Test
    void eachKeyRestartsTheInactivityTimeout() {
        PinEntry entry = PinEntry.start(WITH_PINS, POLICY, T0);
        entry.press('1', T0.plusSeconds(8));
        assertThat(entry.tick(T0.plusSeconds(17))).isInstanceOf(PinOutcome.Waiting.class);
        assertThat(entry.deadline()).contains(T0.plusSeconds(18));
    }

    @Test
    void aKeyAfterTheDeadlineIsTooLate() {
        PinEntry entry = PinEntry.start(WITH_PINS, POLICY, T0);
        assertThat(entry.press('1', T0.plusSeconds(11))).isInstanceOf(PinOutcome.Denied.class);
    }
}
