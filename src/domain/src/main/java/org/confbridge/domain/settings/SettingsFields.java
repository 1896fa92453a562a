package org.confbridge.domain.settings;

import java.util.List;

/** The seed's names (snake_case) of the conference properties, as used in JSON and in violations. */
public final class SettingsFields {

    public static final String ANNOUNCE_CALLER_NAME = "announce_caller_name";
    public static final String ENTER_SOUND = "enter_sound";
    public static final String MAX_MEMBERS = "max_members";
    public static final String PIN = "pin";
    public static final String MODERATOR_PIN = "moderator_pin";
    public static final String MUTE_NON_MODERATOR = "mute_non_moderator";
    public static final String MUSIC_ON_HOLD_SOUND = "music_on_hold_sound";
    public static final String RECORD_ENABLED = "record_enabled";

    /** All eight, in the seed's order. */
    public static final List<String> ALL = List.of(ANNOUNCE_CALLER_NAME, ENTER_SOUND, MAX_MEMBERS, PIN,
            MODERATOR_PIN, MUTE_NON_MODERATOR, MUSIC_ON_HOLD_SOUND, RECORD_ENABLED);

    private SettingsFields() {
    }
}
