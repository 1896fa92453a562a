package org.confbridge.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Creates what e2e tests dial, the way an administrator does: through the REST API with the
 * administrator application's credentials (set by {@link RunningServer}).
 */
public final class Provisioning {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http = HttpClient.newHttpClient();
    private String token;

    public Provisioning(RunningServer server) {
        this(server.baseUrl());
    }

    public Provisioning(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /**
     * Creates a conference on the server at {@code args[0]} and prints its number; used where the test
     * JVM cannot reach the server (inside a network namespace).
     */
    public static void main(String[] args) {
        System.out.println(new Provisioning(args[0]).newConference());
    }

    /** A new conference extension with a random unused-looking number; returns its number. */
    public String newConference(String propertiesJson) {
        String number = String.valueOf(ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L));
        long id = createExtension(number, "conference");
        if (propertiesJson != null) {
            send("PUT", "/api/ver1.0/client/@me/extension/" + id + "/conference", propertiesJson, 200);
        }
        return number;
    }

    public String newConference() {
        return newConference(null);
    }

    /** A new extension of type phone (dialing it is no conference call); returns its number. */
    public String newPhoneExtension() {
        String number = String.valueOf(ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L));
        createExtension(number, "phone");
        return number;
    }

    private long createExtension(String number, String type) {
        JsonNode created = send("POST", "/api/ver1.0/client/@me/extension",
                "{\"name\":\"" + number + "\",\"type\":\"" + type + "\",\"label\":\"e2e\"}", 201);
        return created.get("id").asLong();
    }

    private JsonNode send(String method, String path, String json, int expectedStatus) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token())
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json))
                .build();
        HttpResponse<String> response = exchange(request);
        if (response.statusCode() != expectedStatus) {
            throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + ": " + response.body());
        }
        return parse(response.body());
    }

    private String token() {
        if (token == null) {
            String form = "grant_type=client_credentials&client_id=" + encode(RunningServer.ADMIN_CLIENT_ID)
                    + "&client_secret=" + encode(RunningServer.ADMIN_CLIENT_SECRET);
            HttpResponse<String> response = exchange(HttpRequest.newBuilder(URI.create(baseUrl + "/oauth/token"))
                    .timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("token -> " + response.statusCode() + ": " + response.body());
            }
            token = parse(response.body()).get("access_token").asText();
        }
        return token;
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
