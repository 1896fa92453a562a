package org.confbridge.app.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.confbridge.app.events.ConferenceEvent;
import org.junit.jupiter.api.Test;

class RecordCollectorTest {

    private static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");
    private final List<FinishedConference> finished = new ArrayList<>();
    private final RecordCollector collector = new RecordCollector(finished::add);

    @Test
    void aConferenceIsHandedOverWhenItEndsWithWhoWasInItAndHowLongTheyTalked() {
        event(0, "conference.started", null, Map.of());
        event(0, "participant.joined", "a", Map.of("number", "100", "name", "Alice", "role", "moderator",
                "origin", "dial_in"));
        event(1, "participant.joined", "b", Map.of("number", "200", "role", "participant", "origin", "invited"));
        event(2, "participant.talking", "a", Map.of());
        event(5, "participant.stopped_talking", "a", Map.of());
        event(6, "participant.talking", "b", Map.of());
        event(8, "participant.left", "b", Map.of("reason", "kicked"));
        event(9, "participant.talking", "a", Map.of());
        assertThat(finished).isEmpty();
        event(10, "participant.left", "a", Map.of("reason", "hangup"));
        event(10, "conference.ended", null, Map.of("peak_participants", 2));

        assertThat(finished).hasSize(1);
        FinishedConference record = finished.get(0);
        assertThat(record.conferenceId()).isEqualTo("c1");
        assertThat(record.startedAt()).isEqualTo(T0);
        assertThat(record.endedAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(record.peakParticipants()).isEqualTo(2);
        FinishedConference.Participant alice = record.participants().get(0);
        FinishedConference.Participant bob = record.participants().get(1);
        assertThat(alice.name()).isEqualTo("Alice");
        assertThat(alice.role()).isEqualTo("moderator");
        assertThat(alice.talkingMillis()).isEqualTo(4000); // 3 s, then 1 s until she left
        assertThat(alice.reason()).isEqualTo("hangup");
        assertThat(bob.origin()).isEqualTo("invited");
        assertThat(bob.name()).isNull();
        assertThat(bob.talkingMillis()).isEqualTo(2000);
        assertThat(bob.leftAt()).isEqualTo(T0.plusSeconds(8));
        assertThat(bob.reason()).isEqualTo("kicked");
    }

    @Test
    void aConferenceThatStartedBeforeTheCollectorIsNotRecorded() {
        event(0, "participant.joined", "a", Map.of());
        event(1, "conference.ended", null, Map.of("peak_participants", 1));
        assertThat(finished).isEmpty();
    }

    private void event(long second, String type, String participant, Map<String, Object> data) {
        collector.onEvent(new ConferenceEvent(1, type, T0.plusSeconds(second), 1, 2, "c1", participant, data));
    }
}
