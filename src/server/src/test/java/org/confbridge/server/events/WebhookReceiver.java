package org.confbridge.server.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver run by the test (JDK HTTP server on loopback): while down it answers 503; while up it
 * checks each POST's signature and keeps it.
 */
final class WebhookReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A POST that was accepted. */
    record Received(String deliveryId, String eventId, String eventType, long timestamp, String signature,
                    String body, boolean signatureValid) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    private final HttpServer server;
    private final String secret;
    private final List<Received> accepted = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();
    private volatile boolean up;

    WebhookReceiver(String secret) throws IOException {
        this.secret = secret;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    void up(boolean on) {
        this.up = on;
    }

    List<Received> accepted() {
        return new ArrayList<>(accepted);
    }

    int refusedCount() {
        return refused.size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String text = new String(body, StandardCharsets.UTF_8);
        if (!up) {
            refused.add(text);
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
            return;
        }
        String timestamp = exchange.getRequestHeaders().getFirst("X-Confbridge-Timestamp");
        String signature = exchange.getRequestHeaders().getFirst("X-Confbridge-Signature");
        boolean valid = timestamp != null && signature != null && signature.equals(sign(timestamp, text));
        accepted.add(new Received(exchange.getRequestHeaders().getFirst("X-Confbridge-Delivery"),
                exchange.getRequestHeaders().getFirst("X-Confbridge-Event-Id"),
                exchange.getRequestHeaders().getFirst("X-Confbridge-Event"),
                timestamp == null ? -1 : Long.parseLong(timestamp), signature, text, valid));
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    /** What the receiver computes: v1= hex HMAC-SHA256(secret, timestamp + "." + body). */
    private String sign(String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder("v1=");
            for (byte b : digest) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
