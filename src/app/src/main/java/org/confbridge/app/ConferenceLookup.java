package org.confbridge.app;

import java.util.Optional;

/**
 * {@link ConferenceDirectory#findConference} without the EJB container in between
 * ({@link ConferenceDirectory#lookup()}): for the SIP side, which looks up every INVITE's conference (mostly
 * answered from the directory's cache). The directory bean has no lock, transaction or interceptor for it to skip;
 * a read of the database still goes through {@link ConferenceDirectoryStore}'s guard.
 */
@FunctionalInterface
public interface ConferenceLookup {

    /** As {@link ConferenceDirectory#findConference}. */
    Optional<ConferenceExtension> findConference(String requestHost, String number);
}
