package org.confbridge.app;

import java.util.HashSet;
import java.util.Set;
import javax.ejb.Local;
import javax.ejb.LocalBean;
import javax.ejb.Singleton;

/** Stands in for the live registry (not deployed in these module tests): tests say which are live. */
@Singleton
@LocalBean
@Local(LiveConferenceQuery.class)
public class TestLiveConferences implements LiveConferenceQuery {

    private final Set<Long> live = new HashSet<>();

    @Override
    public boolean isLive(long extensionId) {
        return live.contains(extensionId);
    }

    /** Changed settings, in the order they were announced (extension id, settings). */
    public final java.util.List<java.util.Map.Entry<Long, org.confbridge.domain.settings.ConferenceSettings>> changes =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public void settingsChanged(long extensionId,
                                java.util.function.Supplier<org.confbridge.domain.settings.ConferenceSettings> latest) {
        if (live.contains(extensionId)) {
            changes.add(java.util.Map.entry(extensionId, latest.get()));
        }
    }

    public void setLive(long extensionId, boolean isLive) {
        if (isLive) {
            live.add(extensionId);
        } else {
            live.remove(extensionId);
        }
    }
}
