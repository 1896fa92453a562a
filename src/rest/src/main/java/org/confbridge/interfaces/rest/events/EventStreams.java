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

    /** A comment line on every open stream this often (below common proxy idle timeouts of 30-60 s). */
    static final long HEARTBEAT_SECONDS = 15;

    /** Threads writing to streams at most (each busy only while a stream has something to send). */
    private static final int WRITERS = 4;

    private final Set<EventStream> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService writers;
    private final ScheduledExecutorService heartbeat;
    private final long heartbeatSeconds;

    EventStreams(long heartbeatSeconds) {
        this.heartbeatSeconds = heartbeatSeconds;
        AtomicInteger count = new AtomicInteger();
        this.writers = new ThreadPoolExecutor(WRITERS, WRITERS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                runnable -> daemon(runnable, "event-stream-writer-" + count.incrementAndGet()));
        ((ThreadPoolExecutor) writers).allowCoreThreadTimeOut(true);
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
                runnable -> daemon(runnable, "event-stream-heartbeat"));
        timer.setRemoveOnCancelPolicy(true);
        this.heartbeat = timer;
        heartbeat.scheduleAtFixedRate(this::beat, heartbeatSeconds, heartbeatSeconds, TimeUnit.SECONDS);
    }

    ExecutorService writers() {
        return writers;
    }

    long heartbeatSeconds() {
        return heartbeatSeconds;
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
