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

    public void setLive(long extensionId, boolean isLive) {
        if (isLive) {
            live.add(extensionId);
        } else {
            live.remove(extensionId);
        }
    }
}
