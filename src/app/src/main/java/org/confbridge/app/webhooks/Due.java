package org.confbridge.app.webhooks;

import java.time.Instant;

/** A delivery to attempt now, with what the sender needs. */
public record Due(long id, String url, String secret, String eventId, String eventType, String payload, int attempts,
           Instant createdAt) {
}
