package org.confbridge.app.records;

import java.time.Instant;
import java.util.List;

/** A finished conference as the API shows it. */
public record ConferenceRecordView(long id, Long extensionId, String conferenceId, Instant startedAt, Instant endedAt,
                                   int peakParticipants, List<Participant> participants) {

    /** One participant; {@code talkingSeconds} rounded to 0.1 s. */
    public record Participant(String participantId, String number, String name, String role, String origin,
                              Instant joinedAt, Instant leftAt, String reason, double talkingSeconds) {
    }

    public long durationSeconds() {
        return java.time.Duration.between(startedAt, endedAt).toSeconds();
    }
}
