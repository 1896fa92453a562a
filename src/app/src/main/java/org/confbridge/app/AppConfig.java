package org.confbridge.app;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Operator settings the configuration services need, read once from system properties or the
 * environment (a system property of the same name wins, so an embedded launcher can pass them).
 *
 * @param dataDir           CONF_DATA_DIR (default {@code ./data}): where generated admin credentials go
 * @param maxMembersCeiling CONF_MAX_MEMBERS_CEILING (default 1000): the highest max_members accepted
 * @param tokenLifetime     CONF_TOKEN_TTL_SECONDS (default 3600): bearer token lifetime
 * @param adminClientId     CONF_ADMIN_CLIENT_ID: first-start administrator client_id, or null
 * @param adminClientSecret CONF_ADMIN_CLIENT_SECRET: first-start administrator secret, or null
 */
public record AppConfig(Path dataDir, int maxMembersCeiling, Duration tokenLifetime,
                        String adminClientId, String adminClientSecret) {

    public static AppConfig fromEnvironment() {
        return new AppConfig(
                Path.of(value("CONF_DATA_DIR", "./data")),
                Integer.parseInt(value("CONF_MAX_MEMBERS_CEILING", "1000")),
                Duration.ofSeconds(Long.parseLong(value("CONF_TOKEN_TTL_SECONDS", "3600"))),
                blankToNull(value("CONF_ADMIN_CLIENT_ID", null)),
                blankToNull(value("CONF_ADMIN_CLIENT_SECRET", null)));
    }

    private static String value(String name, String fallback) {
        String property = System.getProperty(name);
        if (property != null) {
            return property;
        }
        String env = System.getenv(name);
        return env != null ? env : fallback;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
