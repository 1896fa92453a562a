package org.confbridge.interfaces.rest.events;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.ws.rs.sse.OutboundSseEvent;
import javax.ws.rs.sse.Sse;
import javax.ws.rs.sse.SseEventSink;
import org.confbridge.app.events.ConferenceEvent;
import org.confbridge.app.events.ConferenceEvents;

/**
 * One client's open stream. The bus's delivery thread only filters and queues ({@link #onEvent}); a writer
 * thread of {@link EventStreams} drains the queue to the network, one drain at a time, so events leave in
 * the bus's order. Events at or before the last one sent are skipped (the backlog of a resume and the live
 * events may overlap). A client that falls {@link #MAX_QUEUED} events behind is disconnected: it resumes
 * with {@code Last-Event-ID} from the kept events.
 */
final class EventStream implements ConferenceEvents.Listener, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EventStream.class.getName());
    static final int MAX_QUEUED = 10_000;
    /** SSE {@code retry:} sent first: how long a browser waits before reconnecting. */
    private static final long RECONNECT_MILLIS = 2000;

    private record Item(long sequence, OutboundSseEvent event) {
    }

    private final SseEventSink sink;
    private final Sse sse;
    private final String run;
    private final Predicate<ConferenceEvent> filter;
    private final EventStreams streams;
    private final Queue<Item> queued = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    /** True while one thread drains (or while the backlog is being written at the start). */
    private final AtomicBoolean draining = new AtomicBoolean(true);
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Held while writing; the container's end of the request takes it too (see {@link #requestEnded}). */
    private final Object writing = new Object();
    private boolean requestEnded;
    private volatile javax.servlet.AsyncContext async;
    private boolean idleTimeoutLifted;
    private volatile AutoCloseable subscription;
    private long lastSent;

    EventStream(SseEventSink sink, Sse sse, String run, Predicate<ConferenceEvent> filter, EventStreams streams) {
        this.sink = sink;
        this.sse = sse;
        this.run = run;
        this.filter = filter;
        this.streams = streams;
    }

    /**
     * Subscribes, then writes (on the calling thread) the opening comment, an {@code events.lost} notice if
     * any, and the kept events after sequence {@code after} ({@code Long.MAX_VALUE}: none); live events that
     * arrived meanwhile follow on a writer. Subscribing before reading the kept events means each event is
     * in the backlog or delivered live (or both, and sent once).
     */
    void start(ConferenceEvents bus, Map<String, Object> lost, long after) {
        streams.opened(this);
        subscription = bus.subscribe(this);
        List<ConferenceEvent> backlog = after == Long.MAX_VALUE ? List.of() : bus.since(after, filter);
        boolean ok = send(sse.newEventBuilder().comment("confbridge events").reconnectDelay(RECONNECT_MILLIS).build());
        if (ok && lost != null) {
            ok = send(sse.newEventBuilder().name("events.lost")
                    .data(String.class, EventJson.write(lost)).build());
        }
        for (ConferenceEvent event : backlog) {
            if (!ok) {
                break;
            }
            ok = send(toSse(event));
            lastSent = event.sequence();
        }
        if (!ok) {
            close();
            return;
        }
        draining.set(false);
        scheduleDrain();
    }

    @Override
    public void onEvent(ConferenceEvent event) {
        if (closed.get() || !filter.test(event)) {
            return;
        }
        if (size.incrementAndGet() > MAX_QUEUED) {
            LOG.warning("event stream closed: its client is more than " + MAX_QUEUED + " events behind");
            close();
            return;
        }
        queued.add(new Item(event.sequence(), toSse(event)));
        scheduleDrain();
    }

    void heartbeat() {
        if (closed.get()) {
            return;
        }
        size.incrementAndGet();
        queued.add(new Item(-1, sse.newEventBuilder().comment("heartbeat").build()));
        scheduleDrain();
    }

    private void scheduleDrain() {
        if (!queued.isEmpty() && !closed.get() && draining.compareAndSet(false, true)) {
            try {
                streams.writers().execute(this::drain);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                close(); // shutting down
            }
        }
    }

    private void drain() {
        Item item;
        while ((item = queued.poll()) != null) {
            size.decrementAndGet();
            if (closed.get()) {
                return;
            }
            if (item.sequence() >= 0 && item.sequence() <= lastSent) {
                continue; // already sent with the backlog
            }
            if (!send(item.event())) {
                close();
                return;
            }
            if (item.sequence() >= 0) {
                lastSent = item.sequence();
            }
        }
        draining.set(false);
        scheduleDrain(); // something queued between the last poll and the flag
    }

    private boolean send(OutboundSseEvent event) {
        synchronized (writing) {
            if (requestEnded || sink.isClosed()) {
                return false;
            }
            try {
                liftIdleTimeout();
                sink.send(event).toCompletableFuture().join();
                return true;
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "event stream client gone", e);
                return false;
            }
        }
    }

    /**
     * Tomcat 7 (NIO) applies an asynchronous request's timeout to its connection only when it is set outside
     * the request's own servlet call, and otherwise drops the connection after the connector's idle timeout
     * whatever is written to it. So the first write from a writer thread sets it (0: none) again. Called
     * with {@link #writing} held, before the container ended the request.
     */
    private void liftIdleTimeout() {
        javax.servlet.AsyncContext context = async;
        if (!idleTimeoutLifted && context != null && Thread.currentThread().getName().startsWith("event-stream")) {
            idleTimeoutLifted = true;
            try {
                context.setTimeout(0);
            } catch (IllegalStateException e) {
                LOG.log(Level.FINE, "the request's timeout cannot be lifted", e);
            }
        }
    }

    /**
     * The container ended the request (the client went away, or an error): from now on its response object
     * may serve another request, so nothing more may be written to it. Waits for a write in progress.
     */
    void watch(javax.servlet.AsyncContext asyncContext) {
        this.async = asyncContext;
    }

    void requestEnded() {
        synchronized (writing) {
            requestEnded = true;
        }
        close();
    }

    private OutboundSseEvent toSse(ConferenceEvent event) {
        String id = ResumePoint.idOf(run, event.sequence());
        return sse.newEventBuilder().id(id).name(event.type())
                .data(String.class, EventJson.of(id, event)).build();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        streams.closed(this);
        AutoCloseable handle = subscription;
        if (handle != null) {
            try {
                handle.close();
            } catch (Exception e) {
                LOG.log(Level.FINE, "unsubscribe failed", e);
            }
        }
        queued.clear();
        synchronized (writing) {
            if (requestEnded) {
                return; // the container finishes the response itself
            }
            try {
                sink.close();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "closing an event stream failed", e);
            }
        }
    }
}
