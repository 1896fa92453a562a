package org.confbridge.domain.conference;

import java.time.Instant;
import org.confbridge.domain.keys.KeyInterpreter;
import org.confbridge.domain.keys.KeyTimings;
import org.confbridge.domain.participant.Origin;
import org.confbridge.domain.participant.ParticipantId;
import org.confbridge.domain.participant.Role;

/** The conference's mutable record of one admitted participant; never leaves the package. */
final class LiveParticipant {

    final ParticipantId id;
    final String number;
    final String displayName;
    final Role role;
    final Origin origin;
    final ParticipantId invitedBy;
    final Instant admittedAt;
    final KeyInterpreter keys;
    Instant joinedAt;
    boolean inRoom;
    boolean muted;
    String nameRecording;

    LiveParticipant(Caller caller, Role role, Origin origin, ParticipantId invitedBy, Instant admittedAt,
            KeyTimings timings) {
        this.id = caller.id();
        this.number = caller.number();
        this.displayName = caller.displayName();
        this.role = role;
        this.origin = origin;
        this.invitedBy = invitedBy;
        this.admittedAt = admittedAt;
        this.keys = new KeyInterpreter(timings);
    }

    boolean isModerator() {
        return role == Role.MODERATOR;
    }

    Participant snapshot() {
        return new Participant(id, number, displayName, role, origin, muted, inRoom, admittedAt, joinedAt, invitedBy);
    }
}
