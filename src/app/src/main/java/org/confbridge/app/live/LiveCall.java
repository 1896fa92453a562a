package org.confbridge.app.live;

/**
 * A read-only view of one live call for listings, health and tests.
 *
 * @param legId       the call leg's id
 * @param extensionId the conference extension it is in
 * @param role        MODERATOR or PARTICIPANT, null while the caller is still entering a PIN
 * @param muted       whether the room hears nothing from it
 * @param onHold      whether the caller put the call on hold (re-INVITE sendonly/inactive)
 */
public record LiveCall(String legId, long extensionId, String role, boolean muted, boolean onHold) {
}
