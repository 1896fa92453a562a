package org.confbridge.domain.conference;

import java.time.Instant;
import org.confbridge.domain.invite.InviteId;
import org.confbridge.domain.invite.InviteNumber;
import org.confbridge.domain.participant.ParticipantId;

/**
 * An invite whose call is not answered yet.
 *
 * @param inviter  the participant who keyed {@code *8}; null when made over REST
 * @param deadline when it is given up as "no answer"
 */
public record PendingInvite(
        InviteId id,
        ParticipantId inviter,
        InviteNumber number,
        InviteState state,
        Instant startedAt,
        Instant deadline) {

    PendingInvite ringing() {
        return new PendingInvite(id, inviter, number, InviteState.RINGING, startedAt, deadline);
    }
}
