package org.confbridge.app;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.confbridge.domain.settings.ConferenceSettings;
import org.confbridge.domain.settings.SettingsFields;

/**
 * A partial update of conference properties: only the fields named change; a field named with
 * {@code null} goes back to its default. Keys are the seed's names ({@link SettingsFields}); the
 * values are already of the field's Java type (the REST layer checks JSON types).
 */
public final class ConferenceSettingsPatch {

    private final Map<String, Object> changes;

    private ConferenceSettingsPatch(Map<String, Object> changes) {
        this.changes = Collections.unmodifiableMap(new LinkedHashMap<>(changes));
    }

    /** @throws IllegalArgumentException for an unknown field name or a value of the wrong type */
    public static ConferenceSettingsPatch of(Map<String, Object> changes) {
        changes.forEach(ConferenceSettingsPatch::checkType);
        return new ConferenceSettingsPatch(changes);
    }

    public Map<String, Object> changes() {
        return changes;
    }

    public ConferenceSettings applyTo(ConferenceSettings current) {
        ConferenceSettings defaults = ConferenceSettings.DEFAULTS;
        ConferenceSettings.Builder b = current.toBuilder();
        for (Map.Entry<String, Object> change : changes.entrySet()) {
            Object v = change.getValue();
            switch (change.getKey()) {
                case SettingsFields.ANNOUNCE_CALLER_NAME ->
                        b.announceCallerName(v == null ? defaults.announceCallerName() : (Boolean) v);
                case SettingsFields.ENTER_SOUND -> b.enterSound((Long) v);
                case SettingsFields.MAX_MEMBERS -> b.maxMembers((Integer) v);
                case SettingsFields.PIN -> b.pin((String) v);
                case SettingsFields.MODERATOR_PIN -> b.moderatorPin((String) v);
                case SettingsFields.MUTE_NON_MODERATOR ->
                        b.muteNonModerator(v == null ? defaults.muteNonModerator() : (Boolean) v);
                case SettingsFields.MUSIC_ON_HOLD_SOUND -> b.musicOnHoldSound((Long) v);
                case SettingsFields.RECORD_ENABLED ->
                        b.recordEnabled(v == null ? defaults.recordEnabled() : (Boolean) v);
                default -> throw new IllegalStateException("checked in of(): " + change.getKey());
            }
        }
        return b.build();
    }

    private static void checkType(String field, Object value) {
        Class<?> expected = switch (field) {
            case SettingsFields.ANNOUNCE_CALLER_NAME, SettingsFields.MUTE_NON_MODERATOR,
                    SettingsFields.RECORD_ENABLED -> Boolean.class;
            case SettingsFields.ENTER_SOUND, SettingsFields.MUSIC_ON_HOLD_SOUND -> Long.class;
            case SettingsFields.MAX_MEMBERS -> Integer.class;
            case SettingsFields.PIN, SettingsFields.MODERATOR_PIN -> String.class;
            default -> throw new IllegalArgumentException("unknown conference property " + field);
        };
        if (value != null && !expected.isInstance(value)) {
            throw new IllegalArgumentException(field + " must be a " + expected.getSimpleName());
        }
    }
}
