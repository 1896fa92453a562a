package org.confbridge.app.invite;

import org.confbridge.domain.invite.InviteId;

/**
 * Places and abandons the outbound calls of invites. Implemented by the SIP module and registered
 * with the live registry when the SIP application starts; the registry calls it while it holds its
 * lock, so implementations only start work (queue a request) and never wait for the network.
 *
 * <p>The implementation reports back to the live registry: {@code inviteRinging},
 * {@code inviteAnswered} (with the new call's leg), {@code inviteFailed}; once answered, the call is an
 * ordinary leg that ends with {@code leave}.
 */
public interface InviteDialer {

    /** Starts the outbound call (INVITE through the trunk). */
    void place(InviteCall call);

    /** Abandons the call of this invite: CANCEL if it is still ringing; nothing if it is over. No report follows. */
    void cancel(InviteId invite);
}
