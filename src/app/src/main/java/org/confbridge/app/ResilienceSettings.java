package org.confbridge.app;

import java.nio.file.Path;
import java.time.Duration;
import org.confbridge.app.config.Settings;

/**
 * Limits that keep the API answering under attack or faults, read once from the process's
 * {@link Settings} ({@code -Dconfbridge.x.y}, else {@code CONF_X_Y}, else the default).
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
        return from(Settings.current());
    }

    public static ResilienceSettings from(Settings s) {
        long mb = 1024 * 1024;
        return new ResilienceSettings(
                s.dataDir(),
                s.number("disk.min.free.mb", 64, 0, 1024 * 1024) * mb,
                s.number("disk.reserve.mb", 16, 0, 64 * 1024) * mb,
                Duration.ofSeconds(s.number("db.retry.after.seconds", 2, 1, 3600)),
                (int) s.number("oauth.max.failures", 10, 1, 1_000_000),
                Duration.ofSeconds(s.number("oauth.failure.window.seconds", 300, 1, 86_400)),
                Duration.ofSeconds(s.number("oauth.block.seconds", 300, 1, 86_400)));
    }
}
