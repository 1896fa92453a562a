package org.confbridge.app.invite;

import org.confbridge.domain.invite.InviteId;

/**
 * Places and abandons the outbound calls of invites. Implemented by the SIP module and registered
 * with the live registry when the SIP application starts; conferences call it from their loops, so
 * implementations only start work (queue a request) and never wait for the network.
 *
 * <p>The implementation reports back through the call's {@link InviteProgress}; once answered, the call
 * is an ordinary participant that ends with {@code ParticipantHandle.leave()}.
 */
public interface InviteDialer {

    /** Starts the outbound call (INVITE through the trunk); its progress goes to {@code progress}. */
    void place(InviteCall call, InviteProgress progress);

    /** Abandons the call of this invite: CANCEL if it is still ringing; nothing if it is over. No report follows. */
    void cancel(InviteId invite);
}
