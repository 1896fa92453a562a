package org.confbridge.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The server's own mixer tick figures and event queues, read from {@code /metrics} (the engine's recent
 * window of tick durations, so read at the end of the measurement window).
 */
record TickFigures(double p50Micros, double p99Micros, double maxMicros, double lateTicks, double eventsDropped,
        double webhookPending, double webhookDeliveries, double ticks) {

    static TickFigures scrape(String base, String bearer) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(base + "/metrics")).header("Authorization", bearer).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("/metrics answered " + response.statusCode());
        }
        Map<String, Double> values = new HashMap<>();
        for (String line : response.body().split("\n")) {
            if (!line.startsWith("#") && !line.isBlank() && line.indexOf('{') < 0) {
                int space = line.lastIndexOf(' ');
                values.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return new TickFigures(values.getOrDefault("confbridge_media_tick_p50_seconds", -1e-6) * 1e6,
                values.getOrDefault("confbridge_media_tick_p99_seconds", -1e-6) * 1e6,
                values.getOrDefault("confbridge_media_tick_max_seconds", -1e-6) * 1e6,
                values.getOrDefault("confbridge_media_ticks_late_total", -1.0),
                values.getOrDefault("confbridge_events_dropped_total", -1.0),
                values.getOrDefault("confbridge_webhook_pending", -1.0),
                values.getOrDefault("confbridge_webhook_deliveries_total", -1.0),
                values.getOrDefault("confbridge_media_ticks_total", -1.0));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "mixer tick p50 %.0f us, p99 %.0f us, max %.0f us, late ticks %.0f;"
                + " events dropped %.0f, webhook deliveries %.0f, pending %.0f", p50Micros, p99Micros, maxMicros,
                lateTicks, eventsDropped, webhookDeliveries, webhookPending);
    }
}
