package org.confbridge.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.confbridge.interfaces.rest.ApiClient;
import org.confbridge.server.RunningServer;
import org.confbridge.server.SharedServer;
import org.confbridge.server.media.ConferenceFixture;
import org.confbridge.testkit.Call;
import org.confbridge.testkit.TestPhone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 12, the live event stream: real calls produce the right events in order on
 * {@code GET /api/ver1.0/client/{id}/events}, another client sees none of them, a reconnect with
 * {@code Last-Event-ID} misses nothing, and an unknown resume point is reported as lost.
 */
@ExtendWith(SharedServer.class)
class EventStreamIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String STREAM = "/api/ver1.0/client/@me/events";

    @Test
    void callsProduceTheirEventsInOrderAndAResumeMissesNothing(RunningServer server) throws Exception {
        ConferenceFixture fixture = new ConferenceFixture(server);
        ApiClient api = new ApiClient(server.baseUrl());
        String admin = api.token(RunningServer.ADMIN_CLIENT_ID, RunningServer.ADMIN_CLIENT_SECRET);
        String other = otherClientToken(api, admin);
        ConferenceFixture.Conference conference = fixture.create(null);
        String url = server.baseUrl() + STREAM;

        try (SseClient whole = SseClient.open(url, admin, null);
             SseClient interrupted = SseClient.open(url, admin, null);
             SseClient otherClient = SseClient.open(url, other, null);
             TestPhone phone = TestPhone.start()) {
            Call alice = fixture.dial(phone, conference, 500);
            SseClient.Event started = whole.await(of(conference, "conference.started"), WAIT);
            SseClient.Event aliceJoined = whole.await(of(conference, "participant.joined"), WAIT);
            assertThat(aliceJoined.data().get("data").get("origin").asText()).isEqualTo("dial_in");
            assertThat(started.id()).matches("[0-9a-z]+:[0-9]+");
            assertThat(aliceJoined.data().get("conference_id").asText())
                    .isEqualTo(started.data().get("conference_id").asText());

            Call bob = fixture.dial(phone, conference, 1100);
            SseClient.Event bobJoined = whole.await(of(conference, "participant.joined"), WAIT);
            String bobId = bobJoined.participantId();
            whole.await(e -> of(conference, "participant.talking").test(e) && bobId.equals(e.participantId()), WAIT);

            // The interrupted stream saw the same events so far; it goes away and comes back later.
            SseClient.Event lastSeen = interrupted.await(e -> e.id().equals(bobJoined.id()), WAIT);
            interrupted.close();

            String participant = "/api/ver1.0/client/@me/live/" + conference.id() + "/participant/" + bobId;
            ApiClient.Answer muted = api.put(participant, admin, "{\"muted\":true}");
            assertThat(muted.status()).as(muted.toString()).isEqualTo(200);
            SseClient.Event mute = whole.await(of(conference, "participant.muted"), WAIT);
            assertThat(mute.participantId()).isEqualTo(bobId);
            assertThat(mute.data().get("data").has("by")).isTrue();

            alice.hangup();
            bob.hangup();
            SseClient.Event ended = whole.await(of(conference, "conference.ended"), WAIT);
            assertThat(ended.data().get("data").get("peak_participants").asInt()).isEqualTo(2);

            List<SseClient.Event> seen = ofConference(whole.received(), conference);
            assertThat(withoutTalk(seen)).extracting(SseClient.Event::type).containsExactly(
                    "conference.started", "participant.joined", "participant.joined", "participant.muted",
                    "participant.left", "participant.left", "conference.ended");
            assertThat(seen).extracting(SseClient.Event::type).contains("participant.talking");
            assertThat(seen).extracting(e -> sequence(e.id())).isSorted().doesNotHaveDuplicates();

            // Resume after the last event the interrupted stream saw: everything after it, once, in order.
            try (SseClient resumed = SseClient.open(url, admin, lastSeen.id())) {
                resumed.await(e -> e.id() != null && e.id().equals(ended.id()), WAIT);
                List<SseClient.Event> after = seen.subList(seen.indexOf(find(seen, lastSeen.id())) + 1, seen.size());
                assertThat(ofConference(resumed.received(), conference)).extracting(SseClient.Event::id)
                        .containsExactlyElementsOf(after.stream().map(SseClient.Event::id).toList());
                assertThat(resumed.received()).extracting(SseClient.Event::type).doesNotContain("events.lost");
            }

            // The other client's stream stays open past the HTTP idle timeout (10 s) on heartbeats (every 5 s)
            // but saw none of these events.
            assertThat(otherClient.awaitComments("heartbeat", 3, Duration.ofSeconds(30)))
                    .as("heartbeats: " + otherClient.comments()).isTrue();
            assertThat(otherClient.isOpen()).as("open after " + otherClient.comments()).isTrue();
            assertThat(otherClient.received()).isEmpty();
        }
        // Streams that ended (the interrupted one got events after its client left) wrote nothing into the
        // answers of later requests.
        for (int i = 0; i < 20; i++) {
            ApiClient.Answer me = api.get("/api/ver1.0/client/@me", admin);
            assertThat(me.status()).as(me.toString()).isEqualTo(200);
            assertThat(me.json().has("id")).isTrue();
        }
    }

    @Test
    void aResumePointOfAnotherRunIsReportedAsLostThenTheKeptEventsFollow(RunningServer server) throws Exception {
        ConferenceFixture fixture = new ConferenceFixture(server);
        ApiClient api = new ApiClient(server.baseUrl());
        String admin = api.token(RunningServer.ADMIN_CLIENT_ID, RunningServer.ADMIN_CLIENT_SECRET);
        ConferenceFixture.Conference conference = fixture.create(null);
        try (TestPhone phone = TestPhone.start()) {
            Call alice = fixture.dial(phone, conference, 500);
            try (SseClient stream = SseClient.open(server.baseUrl() + STREAM, admin, "earlierrun:42")) {
                SseClient.Event first = stream.await(e -> true, WAIT);
                assertThat(first.type()).isEqualTo("events.lost");
                assertThat(first.id()).isNull();
                assertThat(first.data().get("last_event_id").asText()).isEqualTo("earlierrun:42");
                stream.await(of(conference, "participant.joined"), WAIT); // kept, so sent after the notice
            }
            alice.hangup();
        }
    }

    @Test
    void theStreamNeedsATokenAndTheClientsOwnId(RunningServer server) throws Exception {
        ApiClient api = new ApiClient(server.baseUrl());
        String admin = api.token(RunningServer.ADMIN_CLIENT_ID, RunningServer.ADMIN_CLIENT_SECRET);
        String other = otherClientToken(api, admin);
        HttpResponse<InputStream> none = SseClient.request(server.baseUrl() + STREAM, null, null);
        assertThat(none.statusCode()).isEqualTo(401);
        none.body().close();
        ApiClient.Answer me = api.get("/api/ver1.0/client/@me", admin);
        HttpResponse<InputStream> foreign = SseClient.request(
                server.baseUrl() + "/api/ver1.0/client/" + me.json().get("id").asLong() + "/events", other, null);
        assertThat(foreign.statusCode()).isEqualTo(404);
        foreign.body().close();
    }

    private static java.util.function.Predicate<SseClient.Event> of(ConferenceFixture.Conference conference,
                                                                    String type) {
        return e -> e.extensionId() == conference.id() && e.type().equals(type);
    }

    private static List<SseClient.Event> ofConference(List<SseClient.Event> events,
                                                      ConferenceFixture.Conference conference) {
        return events.stream().filter(e -> e.extensionId() == conference.id()).toList();
    }

    private static List<SseClient.Event> withoutTalk(List<SseClient.Event> events) {
        return events.stream().filter(e -> !e.type().endsWith("talking")).toList();
    }

    private static SseClient.Event find(List<SseClient.Event> events, String id) {
        return events.stream().filter(e -> id.equals(e.id())).findFirst().orElseThrow();
    }

    private static long sequence(String id) {
        return Long.parseLong(id.substring(id.indexOf(':') + 1));
    }

    static String otherClientToken(ApiClient api, String admin) {
        String name = "other " + ThreadLocalRandom.current().nextLong(1_000_000_000L);
        ApiClient.Answer client = api.post("/api/ver1.0/client/", admin, "{\"name\":\"" + name + "\"}");
        assertThat(client.status()).as(client.toString()).isEqualTo(201);
        ApiClient.Answer app = api.post("/api/ver1.0/client/" + client.json().get("id").asLong() + "/application/",
                admin, "{\"name\":\"other app\"}");
        assertThat(app.status()).as(app.toString()).isEqualTo(201);
        return api.token(app.json().get("client_id").asText(), app.json().get("client_secret").asText());
    }
}
