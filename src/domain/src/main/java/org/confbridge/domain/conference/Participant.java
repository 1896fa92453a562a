package org.confbridge.domain.conference;

import java.time.Instant;
import org.confbridge.domain.participant.Origin;
import org.confbridge.domain.participant.ParticipantId;
import org.confbridge.domain.participant.Role;

/**
 * A read-only snapshot of one admitted participant (for REST listings and tests).
 *
 * @param inRoom     false while the participant is still recording their name
 * @param joinedAt   when they entered the room; null while not yet in it
 * @param invitedBy  who invited them ({@code *8}); null for dial-in, or for invites made over REST
 */
public record Participant(
        ParticipantId id,
        String number,
        String displayName,
        Role role,
        Origin origin,
        boolean muted,
        boolean inRoom,
        Instant admittedAt,
        Instant joinedAt,
        ParticipantId invitedBy) {
}
