package org.confbridge.app;

import java.util.function.Supplier;
import org.confbridge.domain.settings.ConferenceSettings;

/**
 * What the configuration services need of live conferences. Implemented by the live conference
 * registry ({@code org.confbridge.app.live}) as a local business interface, so that configuration
 * changes can refuse to pull a conference away from people who are in it, and reach it at once.
 */
public interface LiveConferenceQuery {

    /** True while at least one participant is in the conference of this extension. */
    boolean isLive(long extensionId);

    /**
     * The extension's conference properties were changed (and committed): a running conference takes
     * {@code latest} at once. {@code latest} reads the stored properties (it is called after the commit).
     */
    void settingsChanged(long extensionId, Supplier<ConferenceSettings> latest);
}
