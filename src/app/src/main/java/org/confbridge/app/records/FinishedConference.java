package org.confbridge.app.records;

import java.time.Instant;
import java.util.List;

/** A conference that has ended, as collected from its events. */
public record FinishedConference(long clientId, long extensionId, String conferenceId, Instant startedAt, Instant endedAt,
                          int peakParticipants, List<Participant> participants) {

    public record Participant(String participantId, String number, String name, String role, String origin,
                       Instant joinedAt, Instant leftAt, String reason, long talkingMillis) {
    }
}
