package org.confbridge.server.invite;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.confbridge.interfaces.rest.ApiClient;
import org.confbridge.server.RunningServer;
import org.confbridge.server.media.ConferenceFixture;
import org.confbridge.testkit.Call;
import org.confbridge.testkit.CallOptions;
import org.confbridge.testkit.DtmfMode;
import org.confbridge.testkit.TestPhone;

/**
 * A server whose trunk is a test phone playing the gateway, plus what invite tests do with it: dial in,
 * key {@code *8}, find the gateway's side of an invite call, use the REST API.
 */
final class InviteTrunk implements AutoCloseable {

    static final String CALLER_ID = "+15550100";
    static final int NO_ANSWER_SECONDS = 3;
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(8);

    final TestPhone gateway;
    final TestPhone phones;
    final RunningServer server;
    final ConferenceFixture fixture;
    final ApiClient api;
    final String token;

    private InviteTrunk(TestPhone gateway, TestPhone phones, RunningServer server) {
        this.gateway = gateway;
        this.phones = phones;
        this.server = server;
        this.fixture = new ConferenceFixture(server);
        this.api = new ApiClient(server.baseUrl());
        this.token = api.token(RunningServer.ADMIN_CLIENT_ID, RunningServer.ADMIN_CLIENT_SECRET);
    }

    /** Gateway phone, server with {@code CONF_TRUNK_URI} at it (plus {@code extraEnvironment}), and a phone to dial in. */
    static InviteTrunk start(Map<String, String> extraEnvironment) throws Exception {
        TestPhone gateway = TestPhone.start();
        TestPhone phones = TestPhone.start();
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "CONF_TRUNK_URI", "sip:127.0.0.1:" + gateway.sipPort(),
                "CONF_INVITE_CALLER_ID", CALLER_ID,
                "CONF_INVITE_NO_ANSWER_SECONDS", String.valueOf(NO_ANSWER_SECONDS),
                "CONF_SIP_ANSWER_DELAY_MS", "0"));
        env.putAll(extraEnvironment);
        return new InviteTrunk(gateway, phones, RunningServer.start(env));
    }

    /** A fresh number to invite (9 digits, so tests never see each other's calls). */
    static String newNumber() {
        return String.valueOf(ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L));
    }

    /** Dials in as {@code user}, sending {@code toneHz}. */
    Call dialIn(ConferenceFixture.Conference conference, String user, double toneHz) throws Exception {
        return fixture.dial(phones, conference, CallOptions.defaults().from(user, null)
                .sendingTone(toneHz, ConferenceFixture.SEND_DBFS));
    }

    /** Keys {@code *8}, the number and {@code #} as SIP INFO (robust on a loaded test machine). */
    static void keyInvite(Call inviter, String number) throws InterruptedException {
        keyInvite(inviter, number, DtmfMode.INFO_RELAY);
    }

    static void keyInvite(Call inviter, String number, DtmfMode mode) throws InterruptedException {
        inviter.sendDigits("*8", mode);
        inviter.sendDigits(number + "#", mode);
    }

    /** The gateway's side of the call to {@code number}, or an assertion error; other calls are skipped. */
    Call awaitGatewayCall(String number) throws InterruptedException {
        long deadline = System.nanoTime() + CALL_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Call call = gateway.awaitIncomingCall(Duration.ofMillis(200));
            if (call != null && call.invite().requestUri().contains("sip:" + number + "@")) {
                return call;
            }
        }
        throw new AssertionError("the gateway got no INVITE for " + number + " within " + CALL_TIMEOUT);
    }

    /** Whether any INVITE for {@code number} reached the gateway so far. */
    boolean gatewaySawCallTo(String number) {
        return gateway.requestsReceived().stream()
                .anyMatch(r -> "INVITE".equals(r.method()) && r.requestUri().contains("sip:" + number + "@"));
    }

    ApiClient.Answer get(String path) {
        return api.get(path, token);
    }

    ApiClient.Answer post(String path, String json) {
        return api.post(path, token, json);
    }

    ApiClient.Answer put(String path, String json) {
        return api.put(path, token, json);
    }

    ApiClient.Answer delete(String path) {
        return api.delete(path, token);
    }

    /** A token of an application of a new, different client (for isolation checks). */
    String otherClientToken() {
        ApiClient.Answer client = api.post("/api/ver1.0/client/", token, "{\"name\":\"other " + newNumber() + "\"}");
        assertStatus(client, 201);
        ApiClient.Answer app = api.post("/api/ver1.0/client/" + client.json().get("id").asLong() + "/application/",
                token, "{\"name\":\"other app\"}");
        assertStatus(app, 201);
        return api.token(app.json().get("client_id").asText(), app.json().get("client_secret").asText());
    }

    static String livePath(ConferenceFixture.Conference conference) {
        return "/api/ver1.0/client/@me/live/" + conference.id();
    }

    @Override
    public void close() {
        phones.close();
        gateway.close();
        server.close();
    }

    static void assertStatus(ApiClient.Answer answer, int status) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
    }
}
