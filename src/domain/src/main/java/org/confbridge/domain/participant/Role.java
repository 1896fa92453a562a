package org.confbridge.domain.participant;

/** What a participant may do: moderators use {@code *90..*95} and are never muted by the rules for non-moderators. */
public enum Role {
    MODERATOR,
    PARTICIPANT
}
