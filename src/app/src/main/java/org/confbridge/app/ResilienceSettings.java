package org.confbridge.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Limits that keep the API answering under attack or faults, read once from the published settings
 * ({@code -Dconfbridge.<key>}, else the environment variable {@code CONF_<KEY>}, else the default).
 *
 * @param dataDir               CONF_DATA_DIR: the disk watched for free space
 * @param diskMinFreeBytes      CONF_DISK_MIN_FREE_MB (default 64): below this much usable space on the data
 *                              directory's disk, writes are refused (507) and health says DOWN
 * @param diskReserveBytes      CONF_DISK_RESERVE_MB (default 16; 0: none): a ballast file of this size kept in the
 *                              data directory and deleted when the disk gets full, so the database always has room
 *                              for its own writes; while it is released, writes need floor + reserve free
 * @param databaseRetryAfter    CONF_DB_RETRY_AFTER_SECONDS (default 2): after a database failure, requests are
 *                              answered 503 at once for this long, then one request probes the database again
 * @param oauthMaxFailures      CONF_OAUTH_MAX_FAILURES (default 10): failed token requests from one source
 *                              address within the window before it is blocked
 * @param oauthFailureWindow    CONF_OAUTH_FAILURE_WINDOW_SECONDS (default 300)
 * @param oauthBlock            CONF_OAUTH_BLOCK_SECONDS (default 300): how long a blocked source gets 429
 */
public record ResilienceSettings(Path dataDir, long diskMinFreeBytes, long diskReserveBytes, Duration databaseRetryAfter,
                                 int oauthMaxFailures, Duration oauthFailureWindow, Duration oauthBlock) {

    public ResilienceSettings {
        if (diskMinFreeBytes < 0 || diskReserveBytes < 0 || oauthMaxFailures < 1 || databaseRetryAfter.isNegative()
                || oauthFailureWindow.isNegative() || oauthBlock.isNegative()) {
            throw new IllegalArgumentException("CONF_DISK_MIN_FREE_MB, CONF_DB_RETRY_AFTER_SECONDS and the"
                    + " CONF_OAUTH_* limits must not be negative (CONF_OAUTH_MAX_FAILURES at least 1); so must CONF_DISK_RESERVE_MB");
        }
    }

    public static ResilienceSettings fromEnvironment() {
        return new ResilienceSettings(
                Path.of(value("data.dir", "./data")).toAbsolutePath().normalize(),
                longValue("disk.min.free.mb", 64) * 1024 * 1024,
                longValue("disk.reserve.mb", 16) * 1024 * 1024,
                Duration.ofSeconds(longValue("db.retry.after.seconds", 2)),
                (int) longValue("oauth.max.failures", 10),
                Duration.ofSeconds(longValue("oauth.failure.window.seconds", 300)),
                Duration.ofSeconds(longValue("oauth.block.seconds", 300)));
    }

    private static String value(String key, String fallback) {
        String property = System.getProperty("confbridge." + key);
        if (property != null && !property.isBlank()) {
            return property.trim();
        }
        String env = System.getenv("CONF_" + key.toUpperCase(Locale.ROOT).replace('.', '_'));
        return env != null && !env.isBlank() ? env.trim() : fallback;
    }

    private static long longValue(String key, long fallback) {
        String raw = value(key, String.valueOf(fallback));
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("CONF_" + key.toUpperCase(Locale.ROOT).replace('.', '_')
                    + " must be a whole number, got '" + raw + "'", e);
        }
    }
}
