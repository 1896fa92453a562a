package org.confbridge.domain.keys;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns one participant's key presses into {@link KeyEvent}s. One instance per participant.
 * See the package description for the rules. Not thread-safe.
 */
public final class KeyInterpreter {

    private enum Mode { IDLE, COMMAND, NUMBER }

    private final KeyTimings timings;
    private Mode mode = Mode.IDLE;
    private final StringBuilder buffer = new StringBuilder();
    private Instant deadline;

    public KeyInterpreter(KeyTimings timings) {
        this.timings = Objects.requireNonNull(timings, "timings");
    }

    /** Feeds one key pressed at {@code now}. Throws for characters that are not DTMF keys. */
    public KeyEvent press(char key, Instant now) {
        char k = DtmfKeys.requireKey(key);
        Objects.requireNonNull(now, "now");
        // A key arriving after the deadline (the adapter's timer was late) first ends what timed out.
        if (deadline != null && !now.isBefore(deadline)) {
            expire();
        }
        return switch (mode) {
            case IDLE -> pressIdle(k, now);
            case COMMAND -> pressInCommand(k, now);
            case NUMBER -> pressInNumber(k, now);
        };
    }

    /**
     * Switches to collecting a phone number (after {@code *8} was accepted by the conference).
     * Digits now accumulate until {@code #}; {@code *} cancels.
     */
    public void startNumberEntry(Instant now) {
        reset();
        mode = Mode.NUMBER;
        deadline = now.plus(timings.numberEntry());
    }

    /** True while a number is being collected. */
    public boolean isCollectingNumber() {
        return mode == Mode.NUMBER;
    }

    /** The time at which {@link #tick} will report a timeout, if anything is half-typed. */
    public Optional<Instant> deadline() {
        return Optional.ofNullable(deadline);
    }

    /** Reports a timeout when {@code now} is at or past the deadline; otherwise empty. */
    public Optional<KeyEvent> tick(Instant now) {
        if (deadline == null || now.isBefore(deadline)) {
            return Optional.empty();
        }
        return Optional.of(expire());
    }

    /** Forgets anything half-typed (e.g. the participant left). */
    public void reset() {
        mode = Mode.IDLE;
        buffer.setLength(0);
        deadline = null;
    }

    private KeyEvent expire() {
        String soFar = buffer.toString();
        Mode was = mode;
        reset();
        return was == Mode.NUMBER ? new KeyEvent.NumberEntryTimedOut(soFar) : new KeyEvent.TimedOut(soFar);
    }

    private KeyEvent pressIdle(char k, Instant now) {
        if (k != '*') {
            return new KeyEvent.Ignored(k);
        }
        return beginCommand(now);
    }

    private KeyEvent beginCommand(Instant now) {
        reset();
        mode = Mode.COMMAND;
        buffer.append('*');
        deadline = now.plus(timings.interDigit());
        return new KeyEvent.Pending("*");
    }

    private KeyEvent pressInCommand(char k, Instant now) {
        if (k == '*') {
            return beginCommand(now);
        }
        buffer.append(k);
        String keyed = buffer.toString();
        Optional<KeyCommand> command = KeyCommand.forSequence(keyed);
        if (command.isPresent()) {
            reset();
            return new KeyEvent.Command(command.get());
        }
        if (KeyCommand.isStrictPrefix(keyed)) {
            deadline = now.plus(timings.interDigit());
            return new KeyEvent.Pending(keyed);
        }
        reset();
        return new KeyEvent.Invalid(keyed);
    }

    private KeyEvent pressInNumber(char k, Instant now) {
        if (k == '*') {
            String soFar = buffer.toString();
            reset();
            return new KeyEvent.NumberEntryCancelled(soFar);
        }
        if (k == '#') {
            String digits = buffer.toString();
            reset();
            return new KeyEvent.NumberEntered(digits);
        }
        deadline = now.plus(timings.numberEntry());
        // Letters are kept so that the number is refused as invalid rather than silently altered.
        if (buffer.length() <= timings.maxNumberDigits()) {
            buffer.append(k);
        }
        return new KeyEvent.NumberDigit(buffer.toString());
    }
}
