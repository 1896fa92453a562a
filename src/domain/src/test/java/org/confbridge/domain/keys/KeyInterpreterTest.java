package org.confbridge.domain.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeyInterpreterTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private final KeyInterpreter keys = new KeyInterpreter(
            new KeyTimings(Duration.ofSeconds(3), Duration.ofSeconds(10), 32));

    private List<KeyEvent> type(String sequence) {
        List<KeyEvent> events = new ArrayList<>();
        for (char c : sequence.toCharArray()) {
            events.add(keys.press(c, T0));
        }
        return events;
    }

    @ParameterizedTest
    @EnumSource(KeyCommand.class)
    void everyCommandIsRecognisedTheMomentItIsComplete(KeyCommand command) {
        List<KeyEvent> events = type(command.sequence());
        assertThat(events.get(events.size() - 1)).isEqualTo(new KeyEvent.Command(command));
        assertThat(events.subList(0, events.size() - 1)).allMatch(e -> e instanceof KeyEvent.Pending);
        assertThat(keys.deadline()).isEmpty();
    }

    @Test
    void starNineIsAPrefixAndWaitsForTheNextDigit() {
        assertThat(type("*9")).last().isEqualTo(new KeyEvent.Pending("*9"));
        assertThat(keys.deadline()).contains(T0.plusSeconds(3));
    }

    @Test
    void unknownSequenceIsInvalidAtOnce() {
        assertThat(type("*7")).last().isEqualTo(new KeyEvent.Invalid("*7"));
        assertThat(type("*96")).last().isEqualTo(new KeyEvent.Invalid("*96"));
        assertThat(type("*9#")).last().isEqualTo(new KeyEvent.Invalid("*9#"));
        assertThat(keys.deadline()).isEmpty();
    }

    @Test
    void halfTypedCommandTimesOutAfterTheInterDigitTimeout() {
        keys.press('*', T0);
        keys.press('9', T0.plusSeconds(2));
        assertThat(keys.tick(T0.plusSeconds(4))).isEmpty();
        assertThat(keys.tick(T0.plusSeconds(5))).contains(new KeyEvent.TimedOut("*9"));
        assertThat(keys.tick(T0.plusSeconds(50))).isEmpty();
    }

    @Test
    void aKeyAfterTheDeadlineStartsFreshInsteadOfCompletingTheOldSequence() {
        keys.press('*', T0);
        keys.press('9', T0);
        // The adapter's timer was late: "1" 10 s later must not become *91.
        assertThat(keys.press('1', T0.plusSeconds(10))).isEqualTo(new KeyEvent.Ignored('1'));
    }

    @Test
    void digitsHashAndLettersOutsideACommandAreIgnored() {
        assertThat(type("5#A")).containsExactly(new KeyEvent.Ignored('5'), new KeyEvent.Ignored('#'),
                new KeyEvent.Ignored('A'));
        assertThat(keys.deadline()).isEmpty();
    }

    @Test
    void starInsideACommandStartsItAfresh() {
        assertThat(type("*9*1")).last().isEqualTo(new KeyEvent.Command(KeyCommand.TOGGLE_MUTE));
    }

    @Test
    void lowerCaseLettersAreAcceptedAndNonKeysRejected() {
        assertThat(keys.press('a', T0)).isEqualTo(new KeyEvent.Ignored('A'));
        assertThatThrownBy(() -> keys.press('x', T0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a DTMF key");
    }

    @Test
    void numberEntryCollectsDigitsUntilHash() {
        keys.startNumberEntry(T0);
        assertThat(keys.isCollectingNumber()).isTrue();
        assertThat(type("0049301")).last().isEqualTo(new KeyEvent.NumberDigit("0049301"));
        assertThat(keys.press('#', T0)).isEqualTo(new KeyEvent.NumberEntered("0049301"));
        assertThat(keys.isCollectingNumber()).isFalse();
        // Back to normal: a command works again.
        assertThat(type("*1")).last().isEqualTo(new KeyEvent.Command(KeyCommand.TOGGLE_MUTE));
    }

    @Test
    void starCancelsNumberEntry() {
        keys.startNumberEntry(T0);
        type("12");
        assertThat(keys.press('*', T0)).isEqualTo(new KeyEvent.NumberEntryCancelled("12"));
        assertThat(keys.isCollectingNumber()).isFalse();
    }

    @Test
    void numberEntryTimesOutAfterItsOwnLongerTimeout() {
        keys.startNumberEntry(T0);
        keys.press('1', T0.plusSeconds(5));
        assertThat(keys.tick(T0.plusSeconds(14))).isEmpty();
        assertThat(keys.tick(T0.plusSeconds(15))).contains(new KeyEvent.NumberEntryTimedOut("1"));
    }

    @Test
    void overlongNumberIsBoundedButStillTooLongAtHash() {
        keys.startNumberEntry(T0);
        type("1".repeat(100));
        KeyEvent entered = keys.press('#', T0);
        assertThat(((KeyEvent.NumberEntered) entered).digits()).hasSize(33);
    }
}
