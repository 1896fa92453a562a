package org.confbridge.domain.participant;

import java.util.Objects;

/**
 * Identifies one call leg in a conference. The adapter chooses it (for example the SIP
 * application session id), so that instructions can be routed back to the right call.
 */
public record ParticipantId(String value) {

    public ParticipantId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("participant id must not be blank");
        }
    }

    public static ParticipantId of(String value) {
        return new ParticipantId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
