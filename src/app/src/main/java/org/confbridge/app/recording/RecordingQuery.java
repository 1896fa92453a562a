package org.confbridge.app.recording;

import java.time.Instant;

/**
 * Which recordings to list, newest first.
 *
 * @param extensionId only this conference extension (null: all)
 * @param from        started at or after (null: no lower bound)
 * @param to          started before (null: no upper bound)
 * @param offset      how many matching recordings to skip
 * @param limit       at most this many
 */
public record RecordingQuery(Long extensionId, Instant from, Instant to, int offset, int limit) {

    public static final int MAX_LIMIT = 500;

    public RecordingQuery {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT);
        }
    }
}
