package org.confbridge.domain.conference;

import java.util.Objects;
import org.confbridge.domain.participant.ParticipantId;

/**
 * A call arriving at the conference.
 *
 * @param id          chosen by the adapter, used in every instruction about this call
 * @param number      the caller's number or user part (for listings); may be null when anonymous
 * @param displayName the caller's display name, may be null
 */
public record Caller(ParticipantId id, String number, String displayName) {

    public Caller {
        Objects.requireNonNull(id, "id");
    }
}
