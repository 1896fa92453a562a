package org.confbridge.domain.conference;

/**
 * An administrator's action (REST) names a participant or invite this conference does not have
 * (never had, or already gone). Maps naturally to 404. Events from calls (keys, BYE, invite progress)
 * never throw it: for them an unknown id is an ordinary race and is ignored.
 */
public final class NotInConferenceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    NotInConferenceException(String what, Object id, long extensionId) {
        super("no " + what + " " + id + " in the live conference of extension " + extensionId);
    }
}
