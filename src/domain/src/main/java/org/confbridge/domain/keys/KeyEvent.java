package org.confbridge.domain.keys;

/** What one key press (or the passing of time) meant to a {@link KeyInterpreter}. */
public sealed interface KeyEvent {

    /** The key means nothing here (a digit or {@code #} outside a command). */
    record Ignored(char key) implements KeyEvent {
    }

    /** Part of a command was keyed; more keys are expected before the inter-digit timeout. */
    record Pending(String soFar) implements KeyEvent {
    }

    /** A complete command was keyed. */
    record Command(KeyCommand command) implements KeyEvent {
    }

    /** The keyed sequence cannot be any command (answer: error tone). */
    record Invalid(String sequence) implements KeyEvent {
    }

    /** A half-typed command was abandoned (answer: error tone). */
    record TimedOut(String sequence) implements KeyEvent {
    }

    /** A digit of the number being collected after {@code *8}. */
    record NumberDigit(String soFar) implements KeyEvent {
    }

    /** {@code #} ended the number entry; {@code digits} may be empty. */
    record NumberEntered(String digits) implements KeyEvent {
    }

    /** {@code *} cancelled the number entry. */
    record NumberEntryCancelled(String digitsSoFar) implements KeyEvent {
    }

    /** Nothing was keyed for too long while collecting a number. */
    record NumberEntryTimedOut(String digitsSoFar) implements KeyEvent {
    }
}
