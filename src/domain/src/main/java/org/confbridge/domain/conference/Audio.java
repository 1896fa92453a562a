package org.confbridge.domain.conference;

import java.util.Objects;

/** Something to play: a built-in prompt or tone, a client's uploaded sound, or a caller's recorded name. */
public sealed interface Audio {

    static Audio of(Prompt prompt) {
        return new Builtin(prompt);
    }

    /** A built-in prompt or tone. */
    record Builtin(Prompt prompt) implements Audio {
        public Builtin {
            Objects.requireNonNull(prompt, "prompt");
        }
    }

    /** An uploaded sound of the conference's client ({@code enter_sound}, {@code music_on_hold_sound}). */
    record Sound(long soundId) implements Audio {
    }

    /**
     * A caller's recorded name; {@code reference} is whatever the adapter handed to
     * {@link Conference#nameRecorded}. It may be played after that caller has left (for "has left").
     */
    record RecordedName(String reference) implements Audio {
        public RecordedName {
            Objects.requireNonNull(reference, "reference");
        }
    }
}
