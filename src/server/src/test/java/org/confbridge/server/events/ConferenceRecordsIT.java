package org.confbridge.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.confbridge.interfaces.rest.ApiClient;
import org.confbridge.server.RunningServer;
import org.confbridge.server.SharedServer;
import org.confbridge.server.media.ConferenceFixture;
import org.confbridge.testkit.Call;
import org.confbridge.testkit.CallOptions;
import org.confbridge.testkit.TestPhone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 12, call records: after real calls the finished conference is listed with its participants (who,
 * how they came, when, why they left, time talking), filters and paging work, the CSV export has one row per
 * participant, and another client sees nothing.
 */
@ExtendWith(SharedServer.class)
class ConferenceRecordsIT {

    private static final String RECORDS = "/api/ver1.0/client/@me/conference-records";

    @Test
    void aFinishedConferenceIsRecordedWithItsParticipants(RunningServer server) throws Exception {
        ConferenceFixture fixture = new ConferenceFixture(server);
        ApiClient api = new ApiClient(server.baseUrl());
        String admin = api.token(RunningServer.ADMIN_CLIENT_ID, RunningServer.ADMIN_CLIENT_SECRET);
        ConferenceFixture.Conference conference = fixture.create(null);
        Instant before = Instant.now().minusSeconds(1);
        try (TestPhone phone = TestPhone.start()) {
            Call alice = fixture.dial(phone, conference, CallOptions.defaults().from("alice", "Alice"));
            Call bob = fixture.dial(phone, conference, CallOptions.defaults().from("bob", null)
                    .sendingTone(500, ConferenceFixture.SEND_DBFS));
            Thread.sleep(3000); // the time measured: Bob talks (his tone) for 3 s, Alice sends nothing
            bob.hangup();
            alice.hangup();
        }
        String path = RECORDS + "?extension_id=" + conference.id();
        JsonNode page = awaitRecords(api, admin, path, 1);
        assertThat(page.get("total").asLong()).isEqualTo(1);
        JsonNode record = page.get("items").get(0);
        assertThat(record.get("extension_id").asLong()).isEqualTo(conference.id());
        assertThat(record.get("peak_participants").asInt()).isEqualTo(2);
        assertThat(Instant.parse(record.get("started_at").asText())).isAfter(before);
        assertThat(Instant.parse(record.get("ended_at").asText()))
                .isAfterOrEqualTo(Instant.parse(record.get("started_at").asText()));
        JsonNode participants = record.get("participants");
        assertThat(participants).hasSize(2);
        JsonNode a = participants.get(0);
        JsonNode b = participants.get(1);
        assertThat(a.get("number").asText()).isEqualTo("alice");
        assertThat(a.get("name").asText()).isEqualTo("Alice");
        assertThat(a.get("origin").asText()).isEqualTo("dial_in");
        assertThat(a.get("role").asText()).isEqualTo("participant");
        assertThat(a.get("reason").asText()).isEqualTo("hangup");
        assertThat(b.get("number").asText()).isEqualTo("bob");
        assertThat(Instant.parse(b.get("left_at").asText())).isBefore(Instant.parse(a.get("left_at").asText()));
        assertThat(b.get("talking_seconds").asDouble()).isGreaterThan(1.0);
        assertThat(a.get("talking_seconds").asDouble()).isLessThan(b.get("talking_seconds").asDouble());

        // Filters and paging.
        assertThat(api.get(RECORDS + "?extension_id=" + conference.id() + "&from=" + Instant.now().plusSeconds(60),
                admin).json().get("total").asLong()).isZero();
        JsonNode firstPage = api.get(RECORDS + "?limit=1", admin).json();
        assertThat(firstPage.get("items")).hasSize(1);
        assertThat(firstPage.get("limit").asInt()).isEqualTo(1);
        assertThat(api.get(RECORDS + "?limit=0", admin).status()).isEqualTo(400);
        assertThat(api.get(RECORDS + "?from=yesterday", admin).status()).isEqualTo(400);

        // CSV: a header and one row per participant.
        ApiClient.Answer csv = api.get(RECORDS + "/export.csv?extension_id=" + conference.id(), admin);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).startsWith("conference_id,extension_id,started_at");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).contains(",alice,Alice,participant,dial_in,").contains(",hangup,");
        assertThat(lines.get(2)).contains(",bob,");

        // Another client sees none of it.
        String other = EventStreamIT.otherClientToken(api, admin);
        assertThat(api.get(RECORDS, other).json().get("total").asLong()).isZero();
    }

    private static JsonNode awaitRecords(ApiClient api, String token, String path, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            ApiClient.Answer answer = api.get(path, token);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            if (answer.json().get("items").size() >= count || System.nanoTime() > deadline) {
                return answer.json();
            }
            Thread.sleep(200);
        }
    }
}
