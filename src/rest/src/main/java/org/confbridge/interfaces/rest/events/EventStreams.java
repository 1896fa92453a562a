package org.confbridge.interfaces.rest.events;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open event streams of this server: the writer threads that put their events on the network (a
 * stream whose client reads slowly holds one writer while its socket is full, never the bus), and the
 * heartbeat that keeps idle connections open through proxies and finds the ones whose client has gone.
 */
final class EventStreams implements AutoCloseable {

    /** A comment line on every open stream at most this far apart (below common proxy idle timeouts). */
    static final long MAX_HEARTBEAT_MILLIS = 15_000;

    /** Threads writing to streams at most (each busy only while a stream has something to send). */
    private static final int WRITERS = 4;

    private final Set<EventStream> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService writers;
    private final ScheduledExecutorService heartbeat;
    private final long heartbeatMillis;

    /**
     * @param httpTimeoutMillis the HTTP connector drops a connection idle this long (an open stream too):
     *                          heartbeats come twice as often, at most {@link #MAX_HEARTBEAT_MILLIS} apart
     */
    EventStreams(long httpTimeoutMillis) {
        this.heartbeatMillis = Math.max(100, Math.min(MAX_HEARTBEAT_MILLIS, httpTimeoutMillis / 2));
        AtomicInteger count = new AtomicInteger();
        this.writers = new ThreadPoolExecutor(WRITERS, WRITERS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                runnable -> daemon(runnable, "event-stream-writer-" + count.incrementAndGet()));
        ((ThreadPoolExecutor) writers).allowCoreThreadTimeOut(true);
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
                runnable -> daemon(runnable, "event-stream-heartbeat"));
        timer.setRemoveOnCancelPolicy(true);
        this.heartbeat = timer;
        heartbeat.scheduleAtFixedRate(this::beat, heartbeatMillis, heartbeatMillis, TimeUnit.MILLISECONDS);
    }

    ExecutorService writers() {
        return writers;
    }

    long heartbeatMillis() {
        return heartbeatMillis;
    }

    void opened(EventStream stream) {
        open.add(stream);
    }

    void closed(EventStream stream) {
        open.remove(stream);
    }

    /** Streams open now. */
    int size() {
        return open.size();
    }

    private void beat() {
        for (EventStream stream : open) {
            stream.heartbeat();
        }
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        for (EventStream stream : open) {
            stream.close();
        }
        writers.shutdown();
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
