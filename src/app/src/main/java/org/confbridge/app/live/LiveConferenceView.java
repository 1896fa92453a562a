package org.confbridge.app.live;

import java.util.List;
import org.confbridge.domain.conference.Conference;
import org.confbridge.domain.conference.Participant;
import org.confbridge.domain.conference.PendingInvite;
import org.confbridge.domain.settings.ConferenceSettings;

/**
 * A read-only snapshot of one live conference for the REST API.
 *
 * @param settings       the conference properties in force
 * @param participants   admitted participants in order of admission (callers still keying a PIN are not listed)
 * @param pendingInvites invites whose call is not answered yet, oldest first
 */
public record LiveConferenceView(long extensionId, ConferenceSettings settings, boolean locked, boolean muteAllActive, boolean joinNotificationsOn,
                                 List<Participant> participants, List<PendingInvite> pendingInvites,
                                 int callersEnteringPin) {

    public LiveConferenceView {
        participants = List.copyOf(participants);
        pendingInvites = List.copyOf(pendingInvites);
    }

    static LiveConferenceView of(Conference conference) {
        return new LiveConferenceView(conference.extensionId(), conference.settings(), conference.isLocked(), conference.isMuteAllActive(),
                conference.joinNotificationsOn(), conference.participants(), conference.pendingInvites(),
                conference.callersEnteringPin());
    }
}
