package org.confbridge.domain.settings;

import java.util.ArrayList;
import java.util.List;

/**
 * The eight conference properties of a conference extension (the seed's "Conference Properties").
 *
 * <p>Immutable. Any combination of values can be constructed, so that a REST request can be
 * turned into a candidate and checked with {@link #violations(int)} before anything is stored;
 * {@link #requireValid(int)} is the throwing variant. {@code null} means "not set / default" for
 * the nullable fields, exactly as in the seed.
 *
 * <p>{@link #toString()} masks the PINs so that settings may be logged.
 *
 * @param announceCallerName ask each caller for their name and announce it to the room
 * @param enterSound         sound id played to the room on each entry; null = built-in short tone
 * @param maxMembers         admission limit; null = {@value #DEFAULT_MAX_MEMBERS}
 * @param pin                participant PIN, digits only; null = nobody is asked for a PIN
 * @param moderatorPin       moderator PIN, digits only; only together with {@code pin}, different from it
 * @param muteNonModerator   non-moderators enter muted and may not use {@code *1}
 * @param musicOnHoldSound   sound id looped while a participant is alone; null = built-in prompt
 * @param recordEnabled      record each invited external participant
 */
public record ConferenceSettings(
        boolean announceCallerName,
        Long enterSound,
        Integer maxMembers,
        String pin,
        String moderatorPin,
        boolean muteNonModerator,
        Long musicOnHoldSound,
        boolean recordEnabled) {

    /** Effective admission limit when {@code max_members} is null (the seed's default). */
    public static final int DEFAULT_MAX_MEMBERS = 100;

    /** Longest PIN accepted; long enough for any PIN a person keys, short enough to bound the entry. */
    public static final int MAX_PIN_DIGITS = 16;

    /** The seed's defaults: every flag off, every optional field null. */
    public static final ConferenceSettings DEFAULTS =
            new ConferenceSettings(false, null, null, null, null, false, null, false);

    /** A builder starting from {@link #DEFAULTS}. */
    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    /** A builder starting from these settings (for "change only the fields named" updates). */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The admission limit in force: {@code max_members}, or {@value #DEFAULT_MAX_MEMBERS} when unset. */
    public int effectiveMaxMembers() {
        return maxMembers == null ? DEFAULT_MAX_MEMBERS : maxMembers;
    }

    /** True when callers must key a PIN before they are admitted. */
    public boolean requiresPin() {
        return pin != null;
    }

    public ConferenceSettings withAnnounceCallerName(boolean value) {
        return toBuilder().announceCallerName(value).build();
    }

    public ConferenceSettings withEnterSound(Long value) {
        return toBuilder().enterSound(value).build();
    }

    public ConferenceSettings withMaxMembers(Integer value) {
        return toBuilder().maxMembers(value).build();
    }

    public ConferenceSettings withPin(String value) {
        return toBuilder().pin(value).build();
    }

    public ConferenceSettings withModeratorPin(String value) {
        return toBuilder().moderatorPin(value).build();
    }

    public ConferenceSettings withMuteNonModerator(boolean value) {
        return toBuilder().muteNonModerator(value).build();
    }

    public ConferenceSettings withMusicOnHoldSound(Long value) {
        return toBuilder().musicOnHoldSound(value).build();
    }

    public ConferenceSettings withRecordEnabled(boolean value) {
        return toBuilder().recordEnabled(value).build();
    }

    /**
     * Every rule these settings break, in the seed's field order; empty when they may be stored.
     *
     * @param maxMembersCeiling the server's upper bound for {@code max_members} (configuration), at least 1
     */
    public List<SettingsViolation> violations(int maxMembersCeiling) {
        if (maxMembersCeiling < 1) {
            throw new IllegalArgumentException("maxMembersCeiling must be at least 1, was " + maxMembersCeiling);
        }
        List<SettingsViolation> found = new ArrayList<>();
        checkSoundId(SettingsFields.ENTER_SOUND, enterSound, found);
        if (maxMembers != null && maxMembers < 1) {
            found.add(new SettingsViolation(SettingsFields.MAX_MEMBERS,
                    "must be at least 1 (null means the default of " + DEFAULT_MAX_MEMBERS + "), was " + maxMembers));
        } else if (maxMembers != null && maxMembers > maxMembersCeiling) {
            found.add(new SettingsViolation(SettingsFields.MAX_MEMBERS,
                    "must be at most " + maxMembersCeiling + " (this server's limit), was " + maxMembers));
        }
        checkPinSyntax(SettingsFields.PIN, pin, found);
        if (moderatorPin != null) {
            boolean syntaxOk = checkPinSyntax(SettingsFields.MODERATOR_PIN, moderatorPin, found);
            if (pin == null) {
                found.add(new SettingsViolation(SettingsFields.MODERATOR_PIN,
                        "cannot be set without pin: set a participant pin first"));
            } else if (syntaxOk && moderatorPin.equals(pin)) {
                found.add(new SettingsViolation(SettingsFields.MODERATOR_PIN,
                        "must differ from pin, otherwise moderators and participants cannot be told apart"));
            }
        }
        checkSoundId(SettingsFields.MUSIC_ON_HOLD_SOUND, musicOnHoldSound, found);
        return List.copyOf(found);
    }

    /** Returns {@code this} when valid, else throws with every violation. */
    public ConferenceSettings requireValid(int maxMembersCeiling) {
        List<SettingsViolation> found = violations(maxMembersCeiling);
        if (!found.isEmpty()) {
            throw new InvalidSettingsException(found);
        }
        return this;
    }

    private static boolean checkPinSyntax(String field, String value, List<SettingsViolation> found) {
        if (value == null) {
            return true;
        }
        if (value.isEmpty()) {
            found.add(new SettingsViolation(field, "must not be empty: use null to remove it"));
            return false;
        }
        // ASCII digits only: a PIN is keyed on a phone keypad ('*' and '#' are control keys there).
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                found.add(new SettingsViolation(field,
                        "must contain only the digits 0-9 (it is keyed on a phone keypad; '#' ends the entry)"));
                return false;
            }
        }
        if (value.length() > MAX_PIN_DIGITS) {
            found.add(new SettingsViolation(field,
                    "must have at most " + MAX_PIN_DIGITS + " digits, had " + value.length()));
            return false;
        }
        return true;
    }

    private static void checkSoundId(String field, Long value, List<SettingsViolation> found) {
        if (value != null && value < 1) {
            found.add(new SettingsViolation(field, "must be a sound id (a positive number) or null, was " + value));
        }
    }

    @Override
    public String toString() {
        return "ConferenceSettings[announceCallerName=" + announceCallerName
                + ", enterSound=" + enterSound
                + ", maxMembers=" + maxMembers
                + ", pin=" + mask(pin)
                + ", moderatorPin=" + mask(moderatorPin)
                + ", muteNonModerator=" + muteNonModerator
                + ", musicOnHoldSound=" + musicOnHoldSound
                + ", recordEnabled=" + recordEnabled + "]";
    }

    private static String mask(String secret) {
        return secret == null ? "null" : "****";
    }

    /** Mutable builder; {@link #build()} does not validate (see {@link ConferenceSettings#violations(int)}). */
    public static final class Builder {
        private boolean announceCallerName;
        private Long enterSound;
        private Integer maxMembers;
        private String pin;
        private String moderatorPin;
        private boolean muteNonModerator;
        private Long musicOnHoldSound;
        private boolean recordEnabled;

        private Builder(ConferenceSettings from) {
            announceCallerName = from.announceCallerName;
            enterSound = from.enterSound;
            maxMembers = from.maxMembers;
            pin = from.pin;
            moderatorPin = from.moderatorPin;
            muteNonModerator = from.muteNonModerator;
            musicOnHoldSound = from.musicOnHoldSound;
            recordEnabled = from.recordEnabled;
        }

        public Builder announceCallerName(boolean value) {
            announceCallerName = value;
            return this;
        }

        public Builder enterSound(Long value) {
            enterSound = value;
            return this;
        }

        public Builder maxMembers(Integer value) {
            maxMembers = value;
            return this;
        }

        public Builder pin(String value) {
            pin = value;
            return this;
        }

        public Builder moderatorPin(String value) {
            moderatorPin = value;
            return this;
        }

        public Builder muteNonModerator(boolean value) {
            muteNonModerator = value;
            return this;
        }

        public Builder musicOnHoldSound(Long value) {
            musicOnHoldSound = value;
            return this;
        }

        public Builder recordEnabled(boolean value) {
            recordEnabled = value;
            return this;
        }

        public ConferenceSettings build() {
            return new ConferenceSettings(announceCallerName, enterSound, maxMembers, pin, moderatorPin,
                    muteNonModerator, musicOnHoldSound, recordEnabled);
        }
    }
}
