package org.confbridge.bench.load;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The consumers of the server's conference events for the events benchmark ({@code EVENTS=1}): a live
 * event stream client (SSE, every event of the client) and a webhook receiver, a tiny HTTP server in this
 * process that answers 200 to every delivery, registered for every event type. Both count what they get.
 * With {@code EVENTS} unset or 0 nothing is attached (the comparison run).
 */
final class EventConsumers implements AutoCloseable {

    private static final String SECRET = "bench-webhook-secret-0123456789";

    private final boolean attached;
    private final AtomicLong streamEvents = new AtomicLong();
    private final AtomicLong streamTalking = new AtomicLong();
    private final AtomicLong webhookDeliveries = new AtomicLong();
    private HttpServer receiver;
    private ExecutorService receiverThreads;
    private CompletableFuture<HttpResponse<Stream<String>>> stream;

    private EventConsumers(boolean attached) {
        this.attached = attached;
    }

    /** Attaches both consumers when {@code EVENTS=1}; the server must allow loopback webhooks. */
    static EventConsumers fromEnvironment(String base) throws IOException, InterruptedException {
        if (!"1".equals(System.getenv("EVENTS"))) {
            return new EventConsumers(false);
        }
        EventConsumers consumers = new EventConsumers(true);
        consumers.attach(base, bearer(base));
        return consumers;
    }

    private void attach(String base, String bearer) throws IOException, InterruptedException {
        receiverThreads = Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "bench-webhook-receiver");
            thread.setDaemon(true);
            return thread;
        });
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        receiver.createContext("/hook", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                body.readAllBytes();
            }
            webhookDeliveries.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.setExecutor(receiverThreads);
        receiver.start();
        HttpClient client = HttpClient.newHttpClient();
        String hook = "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\",\"secret\":\""
                + SECRET + "\"}";
        HttpResponse<String> created = client.send(HttpRequest.newBuilder(
                URI.create(base + "/api/ver1.0/client/@me/webhook")).header("Authorization", bearer)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(hook)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IOException("webhook not registered (does the server allow 127.0.0.1 in"
                    + " CONF_WEBHOOK_ALLOWED_HOSTS?): " + created.statusCode() + " " + created.body());
        }
        stream = client.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/ver1.0/client/@me/events"))
                .header("Authorization", bearer).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        Thread reader = new Thread(() -> {
            try {
                stream.join().body().forEach(line -> {
                    if (line.startsWith("event: ")) {
                        streamEvents.incrementAndGet();
                        if (line.contains("talking")) {
                            streamTalking.incrementAndGet();
                        }
                    }
                });
            } catch (RuntimeException e) {
                // the stream ends when the server stops
            }
        }, "bench-event-stream");
        reader.setDaemon(true);
        reader.start();
    }

    boolean attached() {
        return attached;
    }

    /** Events read from the stream, talking events among them, and webhook deliveries answered, so far. */
    long[] counts() {
        return new long[] {streamEvents.get(), streamTalking.get(), webhookDeliveries.get()};
    }

    @Override
    public void close() {
        if (stream != null) {
            stream.cancel(true);
        }
        if (receiver != null) {
            receiver.stop(0);
            receiverThreads.shutdownNow();
        }
    }

    /** An API token of the benchmark's administrator ({@code CLIENT_ID}, {@code CLIENT_SECRET}). */
    static String bearer(String base) throws IOException, InterruptedException {
        String form = "grant_type=client_credentials&client_id="
                + URLEncoder.encode(System.getenv("CLIENT_ID"), StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(System.getenv("CLIENT_SECRET"), StandardCharsets.UTF_8);
        HttpResponse<String> token = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(base + "/oauth/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher matcher = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(token.body());
        if (token.statusCode() != 200 || !matcher.find()) {
            throw new IOException("no token: " + token.statusCode() + " " + token.body());
        }
        return "Bearer " + matcher.group(1);
    }
}
