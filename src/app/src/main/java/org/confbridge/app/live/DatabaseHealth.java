package org.confbridge.app.live;

/**
 * Result of one database check.
 *
 * @param up             whether a connection could be opened and validated
 * @param product        database product and version, null when unreachable
 * @param responseMillis time the check took
 * @param error          why it is down, null when up
 */
public record DatabaseHealth(boolean up, String product, long responseMillis, String error) {
}
