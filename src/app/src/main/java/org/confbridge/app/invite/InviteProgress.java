package org.confbridge.app.invite;

import org.confbridge.app.live.CallLeg;
import org.confbridge.app.live.ParticipantHandle;
import org.confbridge.domain.invite.InviteFailure;

/**
 * How the SIP side reports the progress of one invite call to its conference. Each report is handed
 * to the conference's loop; none waits. After {@link #answered} the call is an ordinary participant
 * whose handle takes its keys, hold and end.
 */
public interface InviteProgress {

    /** The invited phone rings (180/183): the inviter hears ringback. */
    void ringing();

    /** The invited person answered: their call enters the conference. */
    ParticipantHandle answered(CallLeg leg);

    /** The call failed (busy, no answer, rejected, unreachable, invalid number): the inviter hears why. */
    void failed(InviteFailure failure);
}
