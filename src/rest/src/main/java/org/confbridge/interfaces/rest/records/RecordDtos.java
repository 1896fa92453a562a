package org.confbridge.interfaces.rest.records;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import org.confbridge.app.records.ConferenceRecordView;
import org.confbridge.app.records.RecordPage;

/** JSON bodies of the call records API (snake_case). */
public final class RecordDtos {

    private RecordDtos() {
    }

    public record Participant(@JsonProperty("participant_id") String participantId,
                              @JsonProperty("number") String number,
                              @JsonProperty("name") String name,
                              @JsonProperty("role") String role,
                              @JsonProperty("origin") String origin,
                              @JsonProperty("joined_at") Instant joinedAt,
                              @JsonProperty("left_at") Instant leftAt,
                              @JsonProperty("reason") String reason,
                              @JsonProperty("talking_seconds") double talkingSeconds) {
        static Participant of(ConferenceRecordView.Participant p) {
            return new Participant(p.participantId(), p.number(), p.name(), p.role(), p.origin(), p.joinedAt(),
                    p.leftAt(), p.reason(), p.talkingSeconds());
        }
    }

    public record ConferenceRecord(@JsonProperty("id") long id,
                                   @JsonProperty("extension_id") Long extensionId,
                                   @JsonProperty("conference_id") String conferenceId,
                                   @JsonProperty("started_at") Instant startedAt,
                                   @JsonProperty("ended_at") Instant endedAt,
                                   @JsonProperty("duration_seconds") long durationSeconds,
                                   @JsonProperty("peak_participants") int peakParticipants,
                                   @JsonProperty("participants") List<Participant> participants) {
        static ConferenceRecord of(ConferenceRecordView v) {
            return new ConferenceRecord(v.id(), v.extensionId(), v.conferenceId(), v.startedAt(), v.endedAt(),
                    v.durationSeconds(), v.peakParticipants(), v.participants().stream().map(Participant::of).toList());
        }
    }

    public record Page(@JsonProperty("items") List<ConferenceRecord> items, @JsonProperty("total") long total,
                       @JsonProperty("offset") int offset, @JsonProperty("limit") int limit) {
        static Page of(RecordPage page) {
            return new Page(page.items().stream().map(ConferenceRecord::of).toList(), page.total(), page.offset(),
                    page.limit());
        }
    }
}
