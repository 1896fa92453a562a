package org.confbridge.infrastructure.persistence;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.NamedQuery;
import javax.persistence.SequenceGenerator;
import javax.persistence.Table;

/** One event to deliver to one webhook (the outbox row), with the outcome of its attempts. */
@Entity
@Table(name = "webhook_deliveries")
@NamedQuery(name = WebhookDeliveryEntity.PENDING,
        query = "SELECT d FROM WebhookDeliveryEntity d WHERE d.status = 'pending' ORDER BY d.id")
@NamedQuery(name = WebhookDeliveryEntity.PENDING_KEYS,
        query = "SELECT d.id, d.webhookId, d.orderKey, d.nextAttemptAt FROM WebhookDeliveryEntity d"
                + " WHERE d.status = 'pending' ORDER BY d.id")
@NamedQuery(name = WebhookDeliveryEntity.BY_WEBHOOK,
        query = "SELECT d FROM WebhookDeliveryEntity d WHERE d.webhookId = :webhookId ORDER BY d.id DESC")
@NamedQuery(name = WebhookDeliveryEntity.COUNT_PENDING,
        query = "SELECT COUNT(d) FROM WebhookDeliveryEntity d WHERE d.status = 'pending'")
public class WebhookDeliveryEntity {

    public static final String PENDING = "WebhookDelivery.pending";
    /** Pending deliveries without their payloads (id, webhook id, order key, next attempt), oldest first. */
    public static final String PENDING_KEYS = "WebhookDelivery.pendingKeys";
    public static final String BY_WEBHOOK = "WebhookDelivery.byWebhook";
    public static final String COUNT_PENDING = "WebhookDelivery.countPending";

    @Id
    @SequenceGenerator(name = "webhook_deliveries_seq", sequenceName = "webhook_deliveries_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "webhook_deliveries_seq")
    private Long id;

    @Column(name = "webhook_id", nullable = false)
    private Long webhookId;

    @Column(name = "event_id", nullable = false)
    private String eventId;

    @Column(name = "event_type", nullable = false)
    private String eventType;

    @Column(name = "order_key", nullable = false)
    private String orderKey;

    @Column(nullable = false)
    private String payload;

    @Column(nullable = false)
    private String status;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "last_attempt_at")
    private Instant lastAttemptAt;

    @Column(name = "last_status")
    private Integer lastStatus;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "delivered_at")
    private Instant deliveredAt;

    protected WebhookDeliveryEntity() {
    }

    public WebhookDeliveryEntity(Long webhookId, String eventId, String eventType, String orderKey, String payload,
                                 Instant createdAt) {
        this.webhookId = webhookId;
        this.eventId = eventId;
        this.eventType = eventType;
        this.orderKey = orderKey;
        this.payload = payload;
        this.status = "pending";
        this.createdAt = createdAt;
        this.nextAttemptAt = createdAt;
    }

    public void delivered(Instant at, int httpStatus) {
        attempts++;
        lastAttemptAt = at;
        lastStatus = httpStatus;
        lastError = null;
        deliveredAt = at;
        status = "delivered";
    }

    /** A failed attempt: tried again at {@code next}, or given up when {@code next} is null. */
    public void attemptFailed(Instant at, Integer httpStatus, String error, Instant next) {
        attempts++;
        lastAttemptAt = at;
        lastStatus = httpStatus;
        lastError = error == null ? null : error.substring(0, Math.min(500, error.length()));
        if (next == null) {
            status = "failed";
        } else {
            nextAttemptAt = next;
        }
    }

    public Long getId() {
        return id;
    }

    public Long getWebhookId() {
        return webhookId;
    }

    public String getEventId() {
        return eventId;
    }

    public String getEventType() {
        return eventType;
    }

    public String getOrderKey() {
        return orderKey;
    }

    public String getPayload() {
        return payload;
    }

    public String getStatus() {
        return status;
    }

    public int getAttempts() {
        return attempts;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getNextAttemptAt() {
        return nextAttemptAt;
    }

    public Instant getLastAttemptAt() {
        return lastAttemptAt;
    }

    public Integer getLastStatus() {
        return lastStatus;
    }

    public String getLastError() {
        return lastError;
    }

    public Instant getDeliveredAt() {
        return deliveredAt;
    }
}
