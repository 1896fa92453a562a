package org.confbridge.app.webhooks;

import java.time.Instant;
import java.util.List;

/** A webhook as the API shows it (never its secret). */
public record WebhookView(long id, long clientId, String url, List<String> eventTypes, Instant createdAt) {
}
