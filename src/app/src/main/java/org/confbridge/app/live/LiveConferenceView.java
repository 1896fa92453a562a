package org.confbridge.app.live;

import java.util.List;
import org.confbridge.domain.conference.Conference;
import org.confbridge.domain.conference.Participant;
import org.confbridge.domain.conference.PendingInvite;

/**
 * A read-only snapshot of one live conference for the REST API.
 *
 * @param participants   admitted participants in order of admission (callers still keying a PIN are not listed)
 * @param pendingInvites invites whose call is not answered yet, oldest first
 */
public record LiveConferenceView(long extensionId, boolean locked, boolean muteAllActive, boolean joinNotificationsOn,
                                 List<Participant> participants, List<PendingInvite> pendingInvites,
                                 int callersEnteringPin) {

    public LiveConferenceView {
        participants = List.copyOf(participants);
        pendingInvites = List.copyOf(pendingInvites);
    }

    static LiveConferenceView of(Conference conference) {
        return new LiveConferenceView(conference.extensionId(), conference.isLocked(), conference.isMuteAllActive(),
                conference.joinNotificationsOn(), conference.participants(), conference.pendingInvites(),
                conference.callersEnteringPin());
    }
}
