package org.confbridge.app.invite;

import java.time.Duration;
import org.confbridge.domain.conference.ConferencePolicy;

/**
 * Server-wide invite settings, read from the launcher's published configuration ({@code confbridge.<key>}
 * system properties, set from {@code CONF_*} variables and {@code confbridge.properties}).
 *
 * <p>{@code invite.no.answer.seconds} (default 30): an invite not answered within this is cancelled and
 * the inviter hears "no answer". The trunk URI and caller ID are the SIP module's settings.
 */
public final class InviteSettings {

    static final String NO_ANSWER_KEY = "confbridge.invite.no.answer.seconds";

    private InviteSettings() {
    }

    /** {@code base} with the configured no-answer timeout. */
    public static ConferencePolicy applyTo(ConferencePolicy base) {
        String value = System.getProperty(NO_ANSWER_KEY);
        if (value == null || value.isBlank()) {
            return base;
        }
        long seconds;
        try {
            seconds = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invite.no.answer.seconds must be a whole number, got '" + value + "'", e);
        }
        if (seconds < 1) {
            throw new IllegalArgumentException("invite.no.answer.seconds must be at least 1, got " + seconds);
        }
        return base.withInviteNoAnswerTimeout(Duration.ofSeconds(seconds));
    }
}
