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

/** A client's webhook (issue 12): where its conference events are POSTed, signed with the secret. */
@Entity
@Table(name = "webhooks")
@NamedQuery(name = WebhookEntity.BY_CLIENT,
        query = "SELECT w FROM WebhookEntity w WHERE w.clientId = :clientId ORDER BY w.id")
@NamedQuery(name = WebhookEntity.ALL, query = "SELECT w FROM WebhookEntity w ORDER BY w.id")
public class WebhookEntity {

    public static final String BY_CLIENT = "Webhook.byClient";
    public static final String ALL = "Webhook.all";

    @Id
    @SequenceGenerator(name = "webhooks_seq", sequenceName = "webhooks_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "webhooks_seq")
    private Long id;

    @Column(name = "client_id", nullable = false)
    private Long clientId;

    @Column(nullable = false)
    private String url;

    @Column(nullable = false)
    private String secret;

    @Column(name = "event_types")
    private String eventTypes;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected WebhookEntity() {
    }

    public WebhookEntity(Long clientId, String url, String secret, String eventTypes, Instant createdAt) {
        this.clientId = clientId;
        this.url = url;
        this.secret = secret;
        this.eventTypes = eventTypes;
        this.createdAt = createdAt;
    }

    public void change(String newUrl, String newSecret, String newEventTypes) {
        this.url = newUrl;
        this.secret = newSecret;
        this.eventTypes = newEventTypes;
    }

    public Long getId() {
        return id;
    }

    public Long getClientId() {
        return clientId;
    }

    public String getUrl() {
        return url;
    }

    public String getSecret() {
        return secret;
    }

    public String getEventTypes() {
        return eventTypes;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
