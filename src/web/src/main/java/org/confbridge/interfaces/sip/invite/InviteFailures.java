package org.confbridge.interfaces.sip.invite;

import org.confbridge.domain.invite.InviteFailure;

/** What a final failure response to an invite call means for the inviter. */
final class InviteFailures {

    private InviteFailures() {
    }

    static InviteFailure of(int status) {
        return switch (status) {
            case 486, 600 -> InviteFailure.BUSY;
            case 408, 480, 487 -> InviteFailure.NO_ANSWER;
            case 404, 484, 604 -> InviteFailure.INVALID_NUMBER;
            case 502, 503, 504 -> InviteFailure.UNREACHABLE;
            default -> InviteFailure.REJECTED; // 403, 603 and every other refusal
        };
    }
}
