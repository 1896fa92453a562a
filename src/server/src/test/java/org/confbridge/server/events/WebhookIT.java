package org.confbridge.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.confbridge.interfaces.rest.ApiClient;
import org.confbridge.server.RunningServer;
import org.confbridge.server.media.ConferenceFixture;
import org.confbridge.testkit.Call;
import org.confbridge.testkit.TestPhone;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, webhooks: a receiver that is down while a conference runs, and stays down across a restart of
 * the server, gets every event once it is up: in order, once each, with valid signatures; the delivery log
 * tells the story. Also the API's rules: validation, no secret shown, another client's webhook is 404.
 */
class WebhookIT {

    private static final String SECRET = "s3cret-for-the-test-receiver";
    private static final List<String> TYPES = List.of("conference.started", "participant.joined", "participant.left",
            "conference.ended");

    @Test
    void aReceiverDownAcrossARestartGetsEverythingInOrderOnceSigned() throws Exception {
        Path data = Files.createTempDirectory("confbridge-webhook-it-");
        Map<String, String> env = Map.of("CONF_DATA_DIR", data.toString());
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET)) {
            long webhookId;
            ConferenceFixture.Conference conference;
            try (RunningServer server = RunningServer.start(env); TestPhone phone = TestPhone.start()) {
                ApiClient api = new ApiClient(server.baseUrl());
                String admin = api.token(RunningServer.ADMIN_CLIENT_ID, RunningServer.ADMIN_CLIENT_SECRET);
                ApiClient.Answer created = api.post("/api/ver1.0/client/@me/webhook", admin,
                        "{\"url\":\"" + receiver.url() + "\",\"secret\":\"" + SECRET + "\",\"event_types\":"
                                + "[\"conference.started\",\"participant.joined\",\"participant.left\","
                                + "\"conference.ended\"]}");
                assertThat(created.status()).as(created.toString()).isEqualTo(201);
                assertThat(created.body()).doesNotContain(SECRET);
                webhookId = created.json().get("id").asLong();

                ConferenceFixture fixture = new ConferenceFixture(server);
                conference = fixture.create(null);
                Call alice = fixture.dial(phone, conference, 500);
                Call bob = fixture.dial(phone, conference, 1100);
                alice.hangup();
                bob.hangup();
                String log = "/api/ver1.0/client/@me/webhook/" + webhookId + "/deliveries";
                await(() -> {
                    JsonNode deliveries = api.get(log, admin).json();
                    return deliveries.size() == 6 && deliveries.findValuesAsText("last_status").contains("503");
                }, Duration.ofSeconds(30), "six deliveries, attempted and refused");
                assertThat(receiver.refusedCount()).isPositive();
            } // SIGTERM: the outbox stays in the database

            try (RunningServer again = RunningServer.start(env)) {
                receiver.up(true);
                ApiClient api = new ApiClient(again.baseUrl());
                String admin = api.token(RunningServer.ADMIN_CLIENT_ID, RunningServer.ADMIN_CLIENT_SECRET);
                String log = "/api/ver1.0/client/@me/webhook/" + webhookId + "/deliveries";
                await(() -> api.get(log, admin).json().findValuesAsText("status").stream()
                        .filter("delivered"::equals).count() == 6, Duration.ofSeconds(90), "all six delivered");

                List<WebhookReceiver.Received> got = receiver.accepted();
                assertThat(got).hasSize(6);
                assertThat(got).extracting(WebhookReceiver.Received::eventType).containsExactly(
                        "conference.started", "participant.joined", "participant.joined", "participant.left",
                        "participant.left", "conference.ended");
                assertThat(got).allSatisfy(r -> {
                    assertThat(r.signatureValid()).as("signature of " + r.body()).isTrue();
                    assertThat(Math.abs(Instant.now().getEpochSecond() - r.timestamp())).isLessThan(300);
                    JsonNode event = r.json();
                    assertThat(event.get("id").asText()).isEqualTo(r.eventId());
                    assertThat(event.get("type").asText()).isEqualTo(r.eventType());
                    assertThat(event.get("extension_id").asLong()).isEqualTo(conference.id());
                });
                assertThat(got).extracting(WebhookReceiver.Received::eventId).doesNotHaveDuplicates();
                assertThat(got).extracting(r -> r.json().get("sequence").asLong()).isSorted();
                // Newest first: the first event was tried while the receiver was down (the later ones of that
                // conference waited behind it, to keep the order), and went through once it was up.
                JsonNode deliveries = api.get(log, admin).json();
                JsonNode first = deliveries.get(deliveries.size() - 1);
                assertThat(first.get("event_type").asText()).isEqualTo("conference.started");
                assertThat(first.get("attempts").asInt()).isGreaterThan(1);
                assertThat(first.get("last_status").asInt()).isEqualTo(204);
                assertThat(deliveries.findValuesAsText("status")).containsOnly("delivered");
            }
        }
    }

    @Test
    void theApiValidatesHidesTheSecretAndKeepsClientsApart() throws Exception {
        try (RunningServer server = RunningServer.start(Map.of())) {
            ApiClient api = new ApiClient(server.baseUrl());
            String admin = api.token(RunningServer.ADMIN_CLIENT_ID, RunningServer.ADMIN_CLIENT_SECRET);
            String path = "/api/ver1.0/client/@me/webhook";
            ApiClient.Answer bad = api.post(path, admin, "{\"url\":\"ftp://x\",\"secret\":\"short\","
                    + "\"event_types\":[\"nonsense\"]}");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.body()).contains("url").contains("secret").contains("event_types");

            ApiClient.Answer created = api.post(path, admin,
                    "{\"url\":\"https://203.0.113.7/hook\",\"secret\":\"" + SECRET + "\"}");
            assertThat(created.status()).isEqualTo(201);
            long id = created.json().get("id").asLong();
            assertThat(api.get(path, admin).body()).contains("https://203.0.113.7/hook").doesNotContain(SECRET);
            ApiClient.Answer changed = api.put(path + "/" + id, admin, "{\"url\":\"https://203.0.113.7/other\","
                    + "\"secret\":\"" + SECRET + "\",\"event_types\":[\"participant.joined\"]}");
            assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
            assertThat(changed.json().get("event_types").get(0).asText()).isEqualTo("participant.joined");

            String other = EventStreamIT.otherClientToken(api, admin);
            assertThat(api.get("/api/ver1.0/client/@me/webhook/" + id, other).status()).isEqualTo(404);
            assertThat(api.get("/api/ver1.0/client/@me/webhook", other).json()).isEmpty();
            assertThat(api.delete("/api/ver1.0/client/@me/webhook/" + id, other).status()).isEqualTo(404);

            assertThat(api.delete(path + "/" + id, admin).status()).isEqualTo(204);
            assertThat(api.get(path + "/" + id, admin).status()).isEqualTo(404);
        }
    }

    /**
     * Against server-side request forgery: a webhook may not point at the server's own ports, the cloud
     * metadata address or the internal network unless the operator allows it (the test servers allow
     * 127.0.0.1 for their receivers). Refused at registration, naming the field; and a stored webhook whose
     * target is no longer allowed (the same check as for a name that now resolves inside) is not called.
     */
    @Test
    void internalTargetsAreRefusedAtRegistrationAndAtDelivery() throws Exception {
        Path data = Files.createTempDirectory("confbridge-webhook-ssrf-it-");
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET)) {
            receiver.up(true);
            long webhookId;
            try (RunningServer server = RunningServer.start(Map.of("CONF_DATA_DIR", data.toString()))) {
                ApiClient api = new ApiClient(server.baseUrl());
                String admin = api.token(RunningServer.ADMIN_CLIENT_ID, RunningServer.ADMIN_CLIENT_SECRET);
                String path = "/api/ver1.0/client/@me/webhook";
                for (String url : List.of("http://127.0.0.2:" + server.httpPort() + "/metrics",
                        "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/hook", "http://[::1]:8080/",
                        "http://192.168.1.1/", "http://0.0.0.0:" + server.httpPort() + "/")) {
                    ApiClient.Answer refused = api.post(path, admin,
                            "{\"url\":\"" + url + "\",\"secret\":\"" + SECRET + "\"}");
                    assertThat(refused.status()).as(url + ": " + refused).isEqualTo(400);
                    assertThat(refused.body()).as(url).contains("url").contains("internal address")
                            .contains("CONF_WEBHOOK_ALLOWED_HOSTS");
                }
                assertThat(api.get(path, admin).json()).isEmpty();
                ApiClient.Answer created = api.post(path, admin,
                        "{\"url\":\"" + receiver.url() + "\",\"secret\":\"" + SECRET + "\"}");
                assertThat(created.status()).as(created.toString()).isEqualTo(201);
                webhookId = created.json().get("id").asLong();
                ApiClient.Answer moved = api.put(path + "/" + webhookId, admin,
                        "{\"url\":\"http://127.0.0.3/\",\"secret\":\"" + SECRET + "\"}");
                assertThat(moved.status()).isEqualTo(400);
                assertThat(moved.body()).contains("url");
            }

            // The operator takes the allowance back: the stored webhook's target is refused at delivery.
            Map<String, String> publicOnly = Map.of("CONF_DATA_DIR", data.toString(), "CONF_WEBHOOK_ALLOWED_HOSTS", "");
            try (RunningServer again = RunningServer.start(publicOnly); TestPhone phone = TestPhone.start()) {
                ApiClient api = new ApiClient(again.baseUrl());
                String admin = api.token(RunningServer.ADMIN_CLIENT_ID, RunningServer.ADMIN_CLIENT_SECRET);
                ConferenceFixture fixture = new ConferenceFixture(again);
                Call alice = fixture.dial(phone, fixture.create(null), 500);
                alice.hangup();
                String log = "/api/ver1.0/client/@me/webhook/" + webhookId + "/deliveries";
                await(() -> {
                    JsonNode deliveries = api.get(log, admin).json();
                    return deliveries.size() > 0 && deliveries.findValuesAsText("last_error").stream()
                            .anyMatch(e -> e.contains("internal address"));
                }, Duration.ofSeconds(30), "a delivery attempt refused by the server itself");
                assertThat(api.get(log, admin).json().findValuesAsText("status")).doesNotContain("delivered");
            }
            assertThat(receiver.accepted()).isEmpty();
            assertThat(receiver.refusedCount()).isZero();
        }
    }

    private static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.sleep(250);
        }
    }
}
