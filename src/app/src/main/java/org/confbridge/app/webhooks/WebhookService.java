package org.confbridge.app.webhooks;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.ejb.Stateless;
import javax.persistence.EntityManager;
import javax.persistence.PersistenceContext;
import org.confbridge.app.ApiCaller;
import org.confbridge.app.FieldProblem;
import org.confbridge.app.InvalidInputException;
import org.confbridge.app.ResourceNotFoundException;
import org.confbridge.infrastructure.persistence.ClientEntity;
import org.confbridge.infrastructure.persistence.WebhookDeliveryEntity;
import org.confbridge.infrastructure.persistence.WebhookEntity;

/** A client's webhooks and their delivery logs. Another client's webhook is 404. */
@Stateless
public class WebhookService {

    /** The event types a webhook may filter on. */
    public static final Set<String> EVENT_TYPES = Set.of("conference.started", "conference.ended",
            "participant.joined", "participant.left", "participant.muted", "participant.unmuted",
            "participant.talking", "participant.stopped_talking", "conference.locked", "conference.unlocked",
            "notifications.changed", "invite.ringing", "invite.answered", "invite.failed", "recording.started",
            "recording.finished", "recording.failed");
    private static final int MIN_SECRET = 16;
    private static final int MAX_SECRET = 200;
    private static final int MAX_URL = 2000;

    private final Clock clock = Clock.systemUTC();
    private final WebhookTargets targets = WebhookTargets.fromSettings();

    @PersistenceContext(unitName = "confbridge")
    private EntityManager em;

    public List<WebhookView> list(ApiCaller caller, long clientId) {
        caller.requireAccessTo(clientId);
        return em.createNamedQuery(WebhookEntity.BY_CLIENT, WebhookEntity.class).setParameter("clientId", clientId)
                .getResultList().stream().map(WebhookService::view).toList();
    }

    public WebhookView create(ApiCaller caller, long clientId, String url, String secret, List<String> eventTypes) {
        caller.requireAccessTo(clientId);
        if (em.find(ClientEntity.class, clientId) == null) {
            throw new ResourceNotFoundException("client", clientId);
        }
        validate(url, secret, eventTypes);
        WebhookEntity webhook = new WebhookEntity(clientId, url.trim(), secret, types(eventTypes), clock.instant());
        em.persist(webhook);
        em.flush();
        return view(webhook);
    }

    public WebhookView get(ApiCaller caller, long clientId, long id) {
        return view(owned(caller, clientId, id));
    }

    public WebhookView update(ApiCaller caller, long clientId, long id, String url, String secret,
                             List<String> eventTypes) {
        WebhookEntity webhook = owned(caller, clientId, id);
        validate(url, secret, eventTypes);
        webhook.change(url.trim(), secret, types(eventTypes));
        return view(webhook);
    }

    public void delete(ApiCaller caller, long clientId, long id) {
        em.remove(owned(caller, clientId, id));
    }

    /** The webhook's deliveries, newest first. */
    public List<DeliveryView> deliveries(ApiCaller caller, long clientId, long id, int limit) {
        owned(caller, clientId, id);
        return em.createNamedQuery(WebhookDeliveryEntity.BY_WEBHOOK, WebhookDeliveryEntity.class)
                .setParameter("webhookId", id).setMaxResults(Math.max(1, Math.min(limit, 1000))).getResultList()
                .stream().map(d -> new DeliveryView(d.getId(), d.getEventId(), d.getEventType(), d.getStatus(),
                        d.getAttempts(), d.getCreatedAt(), d.getNextAttemptAt(), d.getLastAttemptAt(),
                        d.getLastStatus(), d.getLastError(), d.getDeliveredAt())).toList();
    }

    private WebhookEntity owned(ApiCaller caller, long clientId, long id) {
        caller.requireAccessTo(clientId);
        WebhookEntity webhook = em.find(WebhookEntity.class, id);
        if (webhook == null || webhook.getClientId() != clientId) {
            throw new ResourceNotFoundException("webhook", id);
        }
        return webhook;
    }

    private void validate(String url, String secret, List<String> eventTypes) {
        List<FieldProblem> problems = new ArrayList<>();
        if (url == null || url.isBlank()) {
            problems.add(new FieldProblem("url", "is required"));
        } else if (url.length() > MAX_URL) {
            problems.add(new FieldProblem("url", "is longer than " + MAX_URL + " characters"));
        } else {
            try {
                URI uri = new URI(url.trim());
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                    problems.add(new FieldProblem("url", "must be an absolute http:// or https:// URL"));
                } else {
                    targets.refusal(uri).ifPresent(why -> problems.add(new FieldProblem("url", why)));
                }
            } catch (URISyntaxException e) {
                problems.add(new FieldProblem("url", "is not a URL"));
            }
        }
        if (secret == null || secret.length() < MIN_SECRET || secret.length() > MAX_SECRET) {
            problems.add(new FieldProblem("secret", "must have " + MIN_SECRET + " to " + MAX_SECRET + " characters"));
        }
        if (eventTypes != null) {
            for (String type : eventTypes) {
                if (!EVENT_TYPES.contains(type)) {
                    problems.add(new FieldProblem("event_types", "unknown event type '" + type + "'"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    private static String types(List<String> eventTypes) {
        return eventTypes == null || eventTypes.isEmpty() ? null : String.join(",", eventTypes);
    }

    private static WebhookView view(WebhookEntity webhook) {
        List<String> types = webhook.getEventTypes() == null ? List.of()
                : Arrays.asList(webhook.getEventTypes().split(","));
        return new WebhookView(webhook.getId(), webhook.getClientId(), webhook.getUrl(), types,
                webhook.getCreatedAt());
    }
}
