package org.confbridge.app.media;

import org.confbridge.media.MediaException;
import org.confbridge.media.MediaLeg;

/**
 * {@link MediaServer#allocateLeg()} without the EJB container in between ({@link MediaServer#legs()}): for the SIP
 * side, which allocates one leg per call. The bean has no transaction, lock or interceptor for it to skip.
 */
@FunctionalInterface
public interface LegAllocator {

    /** As {@link MediaServer#allocateLeg()}. */
    MediaLeg allocateLeg() throws MediaException;
}
