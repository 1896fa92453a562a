package org.confbridge.domain.invite;

import java.util.Objects;
import java.util.UUID;

/** Identifies one outbound invite call, so the adapter can report its progress. */
public record InviteId(String value) {

    public InviteId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("invite id must not be blank");
        }
    }

    /** A fresh random id (unique across conferences and restarts; decisions never depend on it). */
    public static InviteId random() {
        return new InviteId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
