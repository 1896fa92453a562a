package org.confbridge.domain.keys;

import java.util.Optional;

/** The key commands of the seed, with the exact sequence keyed on the phone. */
public enum KeyCommand {
    /** {@code *1}: toggle one's own microphone. */
    TOGGLE_MUTE("*1", false),
    /** {@code *8}: invite an external number (the number and {@code #} follow). */
    INVITE("*8", false),
    /** {@code *90}: unmute all non-moderators. */
    UNMUTE_ALL("*90", true),
    /** {@code *91}: mute all non-moderators, and those who join after. */
    MUTE_ALL("*91", true),
    /** {@code *92}: lock the conference: every new caller is declined, moderators included. */
    LOCK("*92", true),
    /** {@code *93}: unlock. */
    UNLOCK("*93", true),
    /** {@code *94}: stop join notifications (enter sound, names). */
    NOTIFICATIONS_OFF("*94", true),
    /** {@code *95}: start join notifications again. */
    NOTIFICATIONS_ON("*95", true);

    private final String sequence;
    private final boolean moderatorOnly;

    KeyCommand(String sequence, boolean moderatorOnly) {
        this.sequence = sequence;
        this.moderatorOnly = moderatorOnly;
    }

    /** The keys to press, e.g. {@code "*91"}. */
    public String sequence() {
        return sequence;
    }

    /** True for {@code *90..*95}, which only moderators may use. */
    public boolean isModeratorOnly() {
        return moderatorOnly;
    }

    /** The command keyed exactly as {@code keys}, if any. */
    public static Optional<KeyCommand> forSequence(String keys) {
        for (KeyCommand c : values()) {
            if (c.sequence.equals(keys)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** True when {@code keys} is the beginning of at least one longer command (e.g. {@code "*9"}). */
    public static boolean isStrictPrefix(String keys) {
        for (KeyCommand c : values()) {
            if (c.sequence.length() > keys.length() && c.sequence.startsWith(keys)) {
                return true;
            }
        }
        return false;
    }
}
