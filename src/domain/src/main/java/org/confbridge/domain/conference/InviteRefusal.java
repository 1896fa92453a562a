package org.confbridge.domain.conference;

/** Why an invite is not placed. */
public enum InviteRefusal {
    /** Not digits with an optional +, or wrong length. */
    INVALID_NUMBER,
    /** The conference is locked: the invitee could not enter. */
    CONFERENCE_LOCKED,
    /** Participants plus pending invites already reach {@code max_members}. */
    CONFERENCE_FULL,
    /** The inviter already has the maximum number of pending invites. */
    TOO_MANY_PENDING,
    /** This number is already being called for this conference. */
    ALREADY_CALLING,
    /** The inviter may not invite (an invited participant, or not in the room). */
    NOT_ALLOWED,
    /** Nobody is in the conference (REST invite into an empty conference). */
    CONFERENCE_EMPTY
}
