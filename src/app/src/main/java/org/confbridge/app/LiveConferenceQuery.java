package org.confbridge.app;

/**
 * What the configuration services need to know about live conferences. Implemented by the live
 * conference registry ({@code org.confbridge.app.live}) as a local business interface, so that
 * configuration changes can refuse to pull a conference away from people who are in it.
 */
public interface LiveConferenceQuery {

    /** True while at least one participant is in the conference of this extension. */
    boolean isLive(long extensionId);
}
