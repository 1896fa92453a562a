package org.confbridge.app.webhooks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.ejb.Stateless;
import javax.persistence.EntityManager;
import javax.persistence.PersistenceContext;
import org.confbridge.app.events.ConferenceEvent;
import org.confbridge.infrastructure.persistence.WebhookDeliveryEntity;
import org.confbridge.infrastructure.persistence.WebhookEntity;

/** The outbox table: events in, due deliveries out, outcomes recorded. Each call is one transaction. */
@Stateless
public class WebhookOutbox {

    /** Pending deliveries looked at per round (the oldest first). */
    private static final int SCAN = 20_000;

    @PersistenceContext(unitName = "confbridge")
    private EntityManager em;

    /** One delivery per event and matching webhook, in event order. Returns how many were written. */
    public int enqueue(String run, List<ConferenceEvent> events, Instant now) {
        List<WebhookEntity> webhooks = em.createNamedQuery(WebhookEntity.ALL, WebhookEntity.class).getResultList();
        if (webhooks.isEmpty()) {
            return 0;
        }
        int written = 0;
        for (ConferenceEvent event : events) {
            String id = run + ":" + event.sequence();
            String payload = null;
            for (WebhookEntity webhook : webhooks) {
                if (webhook.getClientId() != event.clientId() || !wants(webhook, event.type())) {
                    continue;
                }
                if (payload == null) {
                    payload = EventPayload.json(id, event);
                }
                em.persist(new WebhookDeliveryEntity(webhook.getId(), id, event.type(), orderKey(event), payload, now));
                written++;
            }
        }
        return written;
    }

    /**
     * The deliveries to attempt now: of each webhook and conference only the oldest pending one. The scan
     * reads the pending rows' keys only; payloads are loaded for the chosen ones, so a backlog of thousands
     * costs a narrow index-ordered read per round, not thousands of payloads.
     */
    public List<Due> due(Instant now, int limit) {
        List<Object[]> pending = em.createNamedQuery(WebhookDeliveryEntity.PENDING_KEYS, Object[].class)
                .setMaxResults(SCAN).getResultList();
        Set<String> seen = new HashSet<>();
        Map<Long, WebhookEntity> webhooks = new HashMap<>();
        List<Due> due = new ArrayList<>();
        for (Object[] row : pending) {
            long id = ((Number) row[0]).longValue();
            long webhookId = ((Number) row[1]).longValue();
            if (!seen.add(webhookId + "/" + row[2]) || instant(row[3]).isAfter(now)) {
                continue; // an earlier one of that conference is still pending, or not yet time
            }
            WebhookEntity webhook = webhooks.computeIfAbsent(webhookId, key -> em.find(WebhookEntity.class, key));
            WebhookDeliveryEntity d = webhook == null ? null : em.find(WebhookDeliveryEntity.class, id);
            if (d == null) {
                continue;
            }
            due.add(new Due(d.getId(), webhook.getUrl(), webhook.getSecret(), d.getEventId(), d.getEventType(),
                    d.getPayload(), d.getAttempts(), d.getCreatedAt()));
            if (due.size() == limit) {
                break;
            }
        }
        return due;
    }

    public void delivered(long id, Instant at, int status) {
        WebhookDeliveryEntity d = em.find(WebhookDeliveryEntity.class, id);
        if (d != null) {
            d.delivered(at, status);
        }
    }

    /** Records a failed attempt; returns true when it was the last (given up). */
    public boolean failed(long id, Instant at, Integer status, String error) {
        WebhookDeliveryEntity d = em.find(WebhookDeliveryEntity.class, id);
        if (d == null) {
            return false;
        }
        Instant next = Backoff.next(at, d.getCreatedAt(), d.getAttempts() + 1);
        d.attemptFailed(at, status, error, next);
        return next == null;
    }

    /** Deletes the log of deliveries made or given up before {@code before}; returns how many. */
    public int purge(Instant before) {
        return em.createQuery("DELETE FROM WebhookDeliveryEntity d WHERE d.status <> 'pending'"
                + " AND d.createdAt < :before").setParameter("before", before).executeUpdate();
    }

    public long pendingCount() {
        return em.createNamedQuery(WebhookDeliveryEntity.COUNT_PENDING, Long.class).getSingleResult();
    }

    /** A projected time column: the mapped Instant (its converter applied), or a plain SQL timestamp. */
    private static Instant instant(Object value) {
        return value instanceof java.sql.Timestamp timestamp ? timestamp.toInstant() : (Instant) value;
    }

    static boolean wants(WebhookEntity webhook, String type) {
        String types = webhook.getEventTypes();
        return types == null || types.isBlank() || Arrays.asList(types.split(",")).contains(type);
    }

    private static String orderKey(ConferenceEvent event) {
        return event.conferenceId() != null ? event.conferenceId() : "extension:" + event.extensionId();
    }
}
