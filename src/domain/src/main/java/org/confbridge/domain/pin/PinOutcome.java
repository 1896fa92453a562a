package org.confbridge.domain.pin;

import org.confbridge.domain.participant.Role;

/** The state of a PIN entry after a key or a tick. */
public sealed interface PinOutcome {

    /** Still waiting for keys. {@code prompt} is played to the caller when not {@code null}. */
    record Waiting(PinPrompt prompt) implements PinOutcome {
    }

    /** The caller may enter with this role. */
    record Granted(Role role) implements PinOutcome {
    }

    /** The caller may not enter: play {@code prompt}, then hang up. */
    record Denied(Reason reason, PinPrompt prompt) implements PinOutcome {
    }

    /** Why a PIN entry failed. */
    enum Reason {
        TOO_MANY_WRONG_PINS,
        TIMEOUT
    }

    /** The prompts a PIN entry asks for (a subset of the conference prompts, same names). */
    enum PinPrompt {
        PIN_REQUEST,
        PIN_WRONG,
        PIN_FAILED,
        PIN_TIMEOUT
    }
}
