package org.confbridge.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.confbridge.app.events.ConferenceEvent;
import org.confbridge.app.events.ConferenceEvents;

/**
 * Meters that follow the conference events (a bus subscriber: a map look-up and an increment per event).
 * Live conferences and participants are counted up and down from started/ended and joined/left.
 */
final class EventMeters implements ConferenceEvents.Listener {

    private final MeterRegistry registry;
    private final AtomicInteger conferences = new AtomicInteger();
    private final AtomicInteger participants = new AtomicInteger();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    EventMeters(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder(MeterNames.of("conferences.live"), conferences, AtomicInteger::get)
                .description("conferences running now").strongReference(true)
                .register(registry);
        Gauge.builder(MeterNames.of("participants.live"), participants, AtomicInteger::get)
                .description("participants in conferences now (joined, not yet left)").strongReference(true)
                .register(registry);
    }

    @Override
    public void onEvent(ConferenceEvent event) {
        switch (event.type()) {
            case "conference.started" -> conferences.incrementAndGet();
            case "conference.ended" -> conferences.decrementAndGet();
            case "participant.joined" -> {
                participants.incrementAndGet();
                count(MeterNames.of("participants.joined"), "origin", text(event, "origin"),
                        "participants who joined a conference");
            }
            case "participant.left" -> {
                participants.decrementAndGet();
                count(MeterNames.of("participants.left"), "reason", text(event, "reason"),
                        "participants who left a conference");
            }
            default -> {
                // counted below only
            }
        }
        count(MeterNames.of("events"), "type", event.type(), "conference events published");
    }

    private void count(String name, String tag, String value, String description) {
        counters.computeIfAbsent(name + '\u0000' + value, key -> Counter.builder(name).tag(tag, value)
                .description(description).register(registry)).increment();
    }

    private static String text(ConferenceEvent event, String field) {
        Object value = event.data().get(field);
        return value == null ? "unknown" : value.toString();
    }
}
