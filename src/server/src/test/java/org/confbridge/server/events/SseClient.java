package org.confbridge.server.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A Server-Sent Events client for the tests: one GET with a bearer token (and optionally Last-Event-ID),
 * the {@code text/event-stream} parsed on a thread of its own into events and comments.
 */
final class SseClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One event as received: {@code id}, {@code event} (name) and its data parsed as JSON. */
    record Event(String id, String name, JsonNode data) {
        String type() {
            return name;
        }

        long extensionId() {
            return data.path("extension_id").asLong(-1);
        }

        String participantId() {
            JsonNode p = data.get("participant_id");
            return p == null || p.isNull() ? null : p.asText();
        }
    }

    /** Kept: a client no longer referenced is collected, and closes its connections. */
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<Event> all = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile boolean closed;

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens the stream; fails unless the server answers 200 with {@code text/event-stream}. */
    static SseClient open(String url, String token, String lastEventId) throws Exception {
        HttpResponse<InputStream> response = request(url, token, lastEventId);
        if (response.statusCode() != 200) {
            String body = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
            throw new AssertionError("GET " + url + " -> " + response.statusCode() + ": " + body);
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("text/event-stream")) {
            throw new AssertionError("GET " + url + ": Content-Type " + type);
        }
        return new SseClient(response);
    }

    /** The raw answer (for refusals). */
    static HttpResponse<InputStream> request(String url, String token, String lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET()
                .header("Accept", "text/event-stream");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String name = null;
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        Event event = new Event(id, name == null ? "message" : name, JSON.readTree(data.toString()));
                        all.add(event);
                        events.add(event);
                    }
                    id = null;
                    name = null;
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).trim());
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    if (data.length() > 0) {
                        data.append('\n');
                    }
                    data.append(line.substring(5).trim());
                }
            }
        } catch (IOException e) {
            if (!closed) {
                comments.add("reader failed: " + e);
            }
        }
    }

    /** The next event that {@code wanted} accepts (others are skipped), or fails after {@code timeout}. */
    Event await(Predicate<Event> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Event event = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("no awaited event within " + timeout + "; received " + all);
            }
            if (wanted.test(event)) {
                return event;
            }
        }
    }

    /** Every event received so far, in order. */
    List<Event> received() {
        return new ArrayList<>(all);
    }

    /** Every comment line received so far. */
    List<String> comments() {
        return new ArrayList<>(comments);
    }

    /** Waits until {@code count} comments {@code text} have arrived. */
    boolean awaitComments(String text, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (comments.stream().filter(text::equals).count() >= count) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** The server has not ended the stream. */
    boolean isOpen() {
        return reader.isAlive();
    }

    @Override
    public void close() {
        closed = true;
        try {
            response.body().close();
        } catch (IOException e) {
            // already gone
        }
    }
}
