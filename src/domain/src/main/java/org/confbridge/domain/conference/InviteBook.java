package org.confbridge.domain.conference;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.confbridge.domain.invite.InviteId;
import org.confbridge.domain.invite.InviteNumber;
import org.confbridge.domain.participant.ParticipantId;

/** The pending invites of one conference (bookkeeping only; {@link Conference} decides). */
final class InviteBook {

    private final Map<InviteId, PendingInvite> pending = new LinkedHashMap<>();

    PendingInvite open(ParticipantId inviter, InviteNumber number, Instant now, Instant deadline) {
        PendingInvite invite = new PendingInvite(InviteId.random(), inviter, number, InviteState.CALLING, now, deadline);
        pending.put(invite.id(), invite);
        return invite;
    }

    void markRinging(InviteId id) {
        pending.computeIfPresent(id, (k, invite) -> invite.ringing());
    }

    /** Removes and returns the invite, if it is still pending. */
    Optional<PendingInvite> close(InviteId id) {
        return Optional.ofNullable(pending.remove(id));
    }

    /** Removes and returns every invite of {@code inviter}. */
    List<PendingInvite> closeAllOf(ParticipantId inviter) {
        List<PendingInvite> closed = new ArrayList<>();
        for (PendingInvite invite : List.copyOf(pending.values())) {
            if (inviter.equals(invite.inviter())) {
                pending.remove(invite.id());
                closed.add(invite);
            }
        }
        return closed;
    }

    /** Removes and returns every invite whose deadline has come. */
    List<PendingInvite> closeExpired(Instant now) {
        List<PendingInvite> closed = new ArrayList<>();
        for (PendingInvite invite : List.copyOf(pending.values())) {
            if (!now.isBefore(invite.deadline())) {
                pending.remove(invite.id());
                closed.add(invite);
            }
        }
        return closed;
    }

    /** Removes and returns all. */
    List<PendingInvite> closeAll() {
        List<PendingInvite> closed = List.copyOf(pending.values());
        pending.clear();
        return closed;
    }

    long countOf(ParticipantId inviter) {
        return pending.values().stream().filter(i -> inviter.equals(i.inviter())).count();
    }

    boolean isCalling(InviteNumber number) {
        return pending.values().stream().anyMatch(i -> i.number().equals(number));
    }

    int size() {
        return pending.size();
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    Optional<Instant> earliestDeadline() {
        return pending.values().stream().map(PendingInvite::deadline).min(Instant::compareTo);
    }

    List<PendingInvite> all() {
        return List.copyOf(pending.values());
    }
}
