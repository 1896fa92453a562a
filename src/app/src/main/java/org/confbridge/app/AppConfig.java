package org.confbridge.app;

import java.nio.file.Path;
import java.time.Duration;
import org.confbridge.app.config.Settings;

/**
 * Operator settings the configuration services need, from the process's {@link Settings}
 * ({@code -Dconfbridge.x.y}, {@code CONF_X_Y}, or {@code x.y} in {@code confbridge.properties} through the
 * launcher).
 *
 * @param dataDir           {@code data.dir} (default {@code ./data}), absolute: where generated admin credentials go
 * @param maxMembersCeiling {@code max.members.ceiling} (default 1000): the highest max_members accepted
 * @param tokenLifetime     {@code token.ttl.seconds} (default 3600): bearer token lifetime
 * @param adminClientId     {@code admin.client.id}: first-start administrator client_id, or null
 * @param adminClientSecret {@code admin.client.secret}: first-start administrator secret, or null
 */
public record AppConfig(Path dataDir, int maxMembersCeiling, Duration tokenLifetime,
                        String adminClientId, String adminClientSecret) {

    public static AppConfig fromEnvironment() {
        return from(Settings.current());
    }

    public static AppConfig from(Settings settings) {
        return new AppConfig(
                settings.dataDir(),
                (int) settings.number("max.members.ceiling", 1000, 1, Integer.MAX_VALUE),
                Duration.ofSeconds(settings.number("token.ttl.seconds", 3600, 1, 366L * 24 * 3600)),
                settings.get("admin.client.id").orElse(null),
                settings.get("admin.client.secret").orElse(null));
    }
}
