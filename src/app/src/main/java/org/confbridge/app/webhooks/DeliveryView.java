package org.confbridge.app.webhooks;

import java.time.Instant;

/** One delivery of the log: the event, its state and its last attempt. */
public record DeliveryView(long id, String eventId, String eventType, String status, int attempts, Instant createdAt,
                           Instant nextAttemptAt, Instant lastAttemptAt, Integer lastStatus, String lastError,
                           Instant deliveredAt) {
}
