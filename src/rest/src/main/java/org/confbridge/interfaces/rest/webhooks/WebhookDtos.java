package org.confbridge.interfaces.rest.webhooks;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import org.confbridge.app.webhooks.DeliveryView;
import org.confbridge.app.webhooks.WebhookView;

/** JSON bodies of the webhooks API (snake_case). */
public final class WebhookDtos {

    private WebhookDtos() {
    }

    /** What a client sends: the URL, the signing secret (16 to 200 characters), the event types (none: all). */
    public record WebhookInput(@JsonProperty("url") String url,
                               @JsonProperty("secret") String secret,
                               @JsonProperty("event_types") List<String> eventTypes) {
    }

    /** A webhook as shown (never its secret). */
    public record Webhook(@JsonProperty("id") long id,
                          @JsonProperty("url") String url,
                          @JsonProperty("event_types") List<String> eventTypes,
                          @JsonProperty("created_at") Instant createdAt) {
        static Webhook of(WebhookView v) {
            return new Webhook(v.id(), v.url(), v.eventTypes(), v.createdAt());
        }
    }

    /** One delivery of the log. {@code status}: pending, delivered or failed (given up). */
    public record Delivery(@JsonProperty("id") long id,
                           @JsonProperty("event_id") String eventId,
                           @JsonProperty("event_type") String eventType,
                           @JsonProperty("status") String status,
                           @JsonProperty("attempts") int attempts,
                           @JsonProperty("created_at") Instant createdAt,
                           @JsonProperty("next_attempt_at") Instant nextAttemptAt,
                           @JsonProperty("last_attempt_at") Instant lastAttemptAt,
                           @JsonProperty("last_status") Integer lastStatus,
                           @JsonProperty("last_error") String lastError,
                           @JsonProperty("delivered_at") Instant deliveredAt) {
        static Delivery of(DeliveryView v) {
            return new Delivery(v.id(), v.eventId(), v.eventType(), v.status(), v.attempts(), v.createdAt(),
                    "pending".equals(v.status()) ? v.nextAttemptAt() : null, v.lastAttemptAt(), v.lastStatus(),
                    v.lastError(), v.deliveredAt());
        }
    }
}
