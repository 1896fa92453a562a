package org.confbridge.domain.settings;

import java.util.Objects;

/**
 * One reason why a set of conference properties is refused.
 *
 * @param field   the property's name as the seed spells it (snake_case, e.g. {@code moderator_pin}),
 *                ready to be reported in a 400 response body
 * @param message a human-readable reason, in English, naming the rule that was broken
 */
public record SettingsViolation(String field, String message) {

    public SettingsViolation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
