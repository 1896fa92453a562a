package org.confbridge.app;

import java.util.Objects;
import org.confbridge.domain.settings.ConferenceSettings;

/**
 * A dialable conference extension as the SIP side needs it: who owns it and its properties at the
 * moment of the lookup (a later change applies to the next caller).
 *
 * @param extensionId the extension's id (the key of the live conference)
 * @param clientId    the owning client (tenant)
 * @param number      the dialed number (the extension's {@code name})
 * @param label       free text label, may be null
 * @param settings    the eight conference properties
 */
public record ConferenceExtension(long extensionId, long clientId, String number, String label,
                                  ConferenceSettings settings) {

    public ConferenceExtension {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(settings, "settings");
    }
}
