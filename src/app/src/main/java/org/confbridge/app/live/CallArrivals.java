package org.confbridge.app.live;

import org.confbridge.app.ConferenceExtension;

/**
 * {@link LiveConferences#join} without the EJB container in between ({@link LiveConferences#arrivals()}): for the
 * SIP side, where every answered call arrives. The bean has no lock, transaction or interceptor for it to skip.
 */
@FunctionalInterface
public interface CallArrivals {

    /** As {@link LiveConferences#join}. */
    ParticipantHandle join(ConferenceExtension extension, CallLeg leg);
}
