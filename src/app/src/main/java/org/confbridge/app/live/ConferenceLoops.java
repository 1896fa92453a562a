package org.confbridge.app.live;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A small pool of event loops, one thread each. A live conference is pinned to one loop for its whole
 * life: everything about it (SIP requests, keys, media events, REST actions, timers, settings changes)
 * runs there, one task at a time, so the conference needs no lock and no two conferences share one.
 * Conferences are spread over the loops by extension id.
 */
final class ConferenceLoops implements AutoCloseable {

    private final List<ScheduledThreadPoolExecutor> loops = new ArrayList<>();

    ConferenceLoops(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one conference loop, got " + count);
        }
        for (int i = 0; i < count; i++) {
            String name = "conference-loop-" + i;
            ScheduledThreadPoolExecutor loop = new ScheduledThreadPoolExecutor(1, runnable -> {
                Thread thread = new Thread(runnable, name);
                thread.setDaemon(true);
                return thread;
            });
            loop.setRemoveOnCancelPolicy(true); // rescheduled timers do not pile up
            loops.add(loop);
        }
    }

    /** The loop of the conference of {@code extensionId}. */
    ScheduledExecutorService loopFor(long extensionId) {
        return loops.get(Math.floorMod(Long.hashCode(extensionId * 0x9E3779B97F4A7C15L), loops.size()));
    }

    int size() {
        return loops.size();
    }

    @Override
    public void close() {
        loops.forEach(ScheduledThreadPoolExecutor::shutdown);
        for (ScheduledThreadPoolExecutor loop : loops) {
            try {
                if (!loop.awaitTermination(2, TimeUnit.SECONDS)) {
                    loop.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
