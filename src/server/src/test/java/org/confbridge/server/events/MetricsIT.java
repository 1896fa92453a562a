package org.confbridge.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.confbridge.interfaces.rest.ApiClient;
import org.confbridge.server.RunningServer;
import org.confbridge.server.media.ConferenceFixture;
import org.confbridge.testkit.Call;
import org.confbridge.testkit.CallState;
import org.confbridge.testkit.TestPhone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, metrics: {@code GET /metrics} answers only with an administrator's API token, parses as
 * Prometheus text, and its values move with real calls and REST requests. Has a server of its own: the
 * live counts must not see other tests' calls.
 */
class MetricsIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String SCRAPE_TOKEN = "prometheus-scrape-token-for-the-test";

    private static RunningServer server;
    private static String admin;

    @BeforeAll
    static void start() {
        server = RunningServer.start(Map.of("CONF_METRICS_TOKEN", SCRAPE_TOKEN));
        admin = new ApiClient(server.baseUrl()).token(RunningServer.ADMIN_CLIENT_ID, RunningServer.ADMIN_CLIENT_SECRET);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void onlyAnAdministratorMayScrape() throws Exception {
        ApiClient api = new ApiClient(server.baseUrl());
        String other = EventStreamIT.otherClientToken(api, admin);

        assertThat(scrape(null).statusCode()).isEqualTo(401);
        assertThat(scrape("wrong").statusCode()).isEqualTo(401);
        HttpResponse<String> notAdmin = scrape(other);
        assertThat(notAdmin.statusCode()).isEqualTo(401);
        assertThat(notAdmin.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> v.startsWith("Bearer"));

        HttpResponse<String> byScrapeToken = scrape(SCRAPE_TOKEN);
        assertThat(byScrapeToken.statusCode()).isEqualTo(200);
        assertThat(PrometheusText.parse(byScrapeToken.body()).has("confbridge_conferences_live")).isTrue();
        assertThat(scrape(SCRAPE_TOKEN + "x").statusCode()).isEqualTo(401);
        assertThat(scrape(SCRAPE_TOKEN.substring(1)).statusCode()).isEqualTo(401);

        HttpResponse<String> byToken = scrape(admin);
        assertThat(byToken.statusCode()).isEqualTo(200);
        assertThat(byToken.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("text/plain").contains("version=0.0.4"));
        PrometheusText metrics = PrometheusText.parse(byToken.body());
        assertThat(metrics.has("jvm_memory_used_bytes")).isTrue();
        assertThat(metrics.has("process_uptime_seconds")).isTrue();
        assertThat(metrics.has("confbridge_events_queue")).isTrue();
    }

    @Test
    void valuesMoveWithRealCallsAndRequests() throws Exception {
        ConferenceFixture fixture = new ConferenceFixture(server);
        ConferenceFixture.Conference conference = fixture.create(null);
        PrometheusText before = metrics();
        double joined = before.sum("confbridge_participants_joined_total", "origin", "dial_in");
        double left = before.sum("confbridge_participants_left_total");
        double ticks = before.sum("confbridge_media_ticks_total");
        double created = before.sum("http_server_requests_seconds_count", "method", "POST", "status", "201");
        assertThat(created).as("the extension just created").isGreaterThanOrEqualTo(1);
        assertThat(before.sum("confbridge_participants_live")).isZero();

        try (TestPhone phone = TestPhone.start()) {
            Call alice = fixture.dial(phone, conference, 500);
            Call bob = fixture.dial(phone, conference, 1100);
            PrometheusText during = await(m -> m.sum("confbridge_participants_live") == 2);
            assertThat(during.sum("confbridge_conferences_live")).isEqualTo(1);
            assertThat(during.sum("confbridge_calls_live")).isEqualTo(2);
            assertThat(during.sum("confbridge_participants_joined_total", "origin", "dial_in")).isEqualTo(joined + 2);
            assertThat(during.sum("confbridge_media_legs")).isGreaterThanOrEqualTo(2);
            assertThat(during.sum("confbridge_media_rooms")).isGreaterThanOrEqualTo(1);
            assertThat(during.sum("confbridge_media_ticks_total")).isGreaterThan(ticks);
            assertThat(during.sum("confbridge_events_total", "type", "participant.joined")).isGreaterThanOrEqualTo(2);
            alice.hangup();
            bob.hangup();
        }
        PrometheusText after = await(m -> m.sum("confbridge_participants_live") == 0
                && m.sum("confbridge_conferences_live") == 0);
        assertThat(after.sum("confbridge_participants_left_total")).isEqualTo(left + 2);
        assertThat(after.sum("confbridge_participants_left_total", "reason", "hangup")).isGreaterThanOrEqualTo(2);
        // The REST requests of this test, by route template and status.
        assertThat(after.matching("http_server_requests_seconds_count", "method", "POST", "status", "201"))
                .anySatisfy(s -> assertThat(s.labels().get("route")).isEqualTo("/ver1.0/client/{client_id}/extension"));
        assertThat(after.sum("http_server_requests_seconds_bucket", "le", "+Inf"))
                .isEqualTo(after.sum("http_server_requests_seconds_count"));
    }

    /**
     * The media and SIP figures move with real traffic: RTP in/out with the phones' packets, lost and concealed
     * frames when a phone's packets go missing, SIP responses by method and status (200 to the calls, 404 to a
     * number that is no conference), and the setup time histogram counts the answered calls.
     */
    @Test
    void rtpAndSipFiguresMoveWithRealCalls() throws Exception {
        ConferenceFixture fixture = new ConferenceFixture(server);
        ConferenceFixture.Conference conference = fixture.create(null);
        PrometheusText before = metrics();
        double received = before.sum("confbridge_rtp_packets_received_total");
        double sent = before.sum("confbridge_rtp_packets_sent_total");
        double lost = before.sum("confbridge_rtp_packets_lost_total");
        double concealed = before.sum("confbridge_jitter_concealed_frames_total");
        double ok = before.sum("confbridge_sip_responses_sent_total", "method", "INVITE", "status", "200");
        double notFound = before.sum("confbridge_sip_responses_sent_total", "method", "INVITE", "status", "404");
        double byeOk = before.sum("confbridge_sip_responses_sent_total", "method", "BYE", "status", "200");
        double setups = before.sum("confbridge_call_setup_seconds_count", "origin", "dial_in");
        assertThat(before.has("confbridge_call_setup_seconds_bucket")).isTrue();

        try (TestPhone phone = TestPhone.start()) {
            Call alice = fixture.dial(phone, conference, 500);
            Call bob = fixture.dial(phone, conference, 1100);
            // One second of both phones' audio (50 packets each) reaches the server, and the room goes out.
            PrometheusText flowing = await(m -> m.sum("confbridge_rtp_packets_received_total") >= received + 100
                    && m.sum("confbridge_rtp_packets_sent_total") >= sent + 100);
            assertThat(flowing.sum("confbridge_rtp_packets_lost_total")).as("nothing lost yet").isEqualTo(lost);

            alice.rtp().loseNext(5); // 100 ms of Alice's audio lost on the way
            PrometheusText afterLoss = await(m -> m.sum("confbridge_rtp_packets_lost_total") >= lost + 5);
            assertThat(afterLoss.sum("confbridge_rtp_packets_lost_total")).isEqualTo(lost + 5);
            assertThat(afterLoss.sum("confbridge_jitter_concealed_frames_total")).as("gap bridged by concealment")
                    .isGreaterThan(concealed);

            Call nobody = phone.call(fixture.uri(new ConferenceFixture.Conference(0, "55555")));
            nobody.expectState(CallState.FAILED, Duration.ofSeconds(10));
            assertThat(nobody.finalStatus()).isEqualTo(404);
            alice.hangup();
            bob.hangup();
        }
        PrometheusText after = await(m -> m.sum("confbridge_sip_responses_sent_total", "method", "BYE", "status",
                "200") >= byeOk + 2 && m.sum("confbridge_participants_live") == 0
                && m.sum("confbridge_conferences_live") == 0);
        assertThat(after.sum("confbridge_sip_responses_sent_total", "method", "INVITE", "status", "200"))
                .isGreaterThanOrEqualTo(ok + 2);
        assertThat(after.sum("confbridge_sip_responses_sent_total", "method", "INVITE", "status", "404"))
                .isGreaterThanOrEqualTo(notFound + 1);
        assertThat(after.sum("confbridge_sip_responses_sent_total", "method", "INVITE", "status", "180"))
                .isGreaterThanOrEqualTo(2);
        assertThat(after.sum("confbridge_call_setup_seconds_count", "origin", "dial_in")).isEqualTo(setups + 2);
        // The test server rings 300 ms (CONF_SIP_ANSWER_DELAY_MS) before it answers: both setups are longer.
        assertThat(after.sum("confbridge_call_setup_seconds_bucket", "origin", "dial_in", "le", "0.25"))
                .isEqualTo(before.sum("confbridge_call_setup_seconds_bucket", "origin", "dial_in", "le", "0.25"));
        assertThat(after.sum("confbridge_call_setup_seconds_bucket", "origin", "dial_in", "le", "+Inf"))
                .isEqualTo(setups + 2);
    }

    private static PrometheusText await(Predicate<PrometheusText> condition) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        PrometheusText last = metrics();
        while (!condition.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("metrics never reached the expected values");
            }
            Thread.sleep(200);
            last = metrics();
        }
        return last;
    }

    private static PrometheusText metrics() throws Exception {
        HttpResponse<String> response = scrape(admin);
        assertThat(response.statusCode()).isEqualTo(200);
        return PrometheusText.parse(response.body());
    }

    private static HttpResponse<String> scrape(String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metrics"))
                .timeout(Duration.ofSeconds(10)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
