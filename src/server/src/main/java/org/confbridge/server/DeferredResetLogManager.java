package org.confbridge.server;

import java.util.logging.LogManager;

/**
 * A LogManager that keeps its handlers open until the server has stopped: the JDK's own shutdown
 * hook resets logging at the same time as ours stops the server, which would lose the stop messages.
 * Installed through {@code java.util.logging.manager} before any logger exists.
 */
public final class DeferredResetLogManager extends LogManager {

    private volatile boolean serverStopped;

    @Override
    public void reset() {
        if (serverStopped) {
            super.reset();
        }
    }

    /** Called by the launcher once everything is stopped: flush and close the handlers. */
    void resetAfterStop() {
        serverStopped = true;
        super.reset();
    }
}
