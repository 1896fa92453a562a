package org.confbridge.app.invite;

import java.util.Objects;
import org.confbridge.domain.invite.InviteId;
import org.confbridge.domain.invite.InviteNumber;

/**
 * One outbound call to place for an invite.
 *
 * @param invite      the invite's id, used in every report about the call
 * @param number      the validated number (Request-URI user part)
 * @param extensionId the conference the callee will join
 */
public record InviteCall(InviteId invite, InviteNumber number, long extensionId) {

    public InviteCall {
        Objects.requireNonNull(invite, "invite");
        Objects.requireNonNull(number, "number");
    }
}
