package org.confbridge.app.events;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The event bus of live conferences. {@link #publish} never blocks (a conference loop calls it): the event
 * is queued; one delivery thread numbers the events, keeps the most recent ones ({@link #since}) and hands
 * each to every subscriber in order. A subscriber that is slow delays only the other subscribers, never a
 * call; when the queue is full, events are dropped and counted ({@link #dropped}).
 */
public final class ConferenceEvents implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ConferenceEvents.class.getName());

    /** Receives events on the delivery thread, in order. Must not block for long. */
    @FunctionalInterface
    public interface Listener {
        void onEvent(ConferenceEvent event);
    }

    private final BlockingQueue<ConferenceEvent> queue;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final Deque<ConferenceEvent> recent = new ArrayDeque<>();
    private final int keep;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread delivery;
    private final String run = Long.toString(new java.security.SecureRandom().nextLong() & Long.MAX_VALUE, 36);
    private long nextSequence = 1;
    private volatile boolean closed;

    /**
     * @param capacity events waiting for delivery at most
     * @param keep     recent events kept for {@link #since}
     */
    public ConferenceEvents(int capacity, int keep) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.keep = keep;
        this.delivery = new Thread(this::deliver, "conference-events");
        delivery.setDaemon(true);
        delivery.start();
    }

    /** Queues an event (its sequence is set on delivery). Never blocks. */
    public void publish(ConferenceEvent event) {
        if (!closed && !queue.offer(event)) {
            dropped.incrementAndGet();
        }
    }

    /** Adds a subscriber; close the returned handle to remove it. */
    public AutoCloseable subscribe(Listener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** The kept events after {@code sequence} that {@code filter} accepts, oldest first. */
    public List<ConferenceEvent> since(long sequence, Predicate<ConferenceEvent> filter) {
        synchronized (recent) {
            List<ConferenceEvent> out = new ArrayList<>();
            for (ConferenceEvent event : recent) {
                if (event.sequence() > sequence && filter.test(event)) {
                    out.add(event);
                }
            }
            return out;
        }
    }

    /** The sequence of the oldest kept event (0 when none): a resume from before it has lost events. */
    public long oldestKept() {
        synchronized (recent) {
            return recent.isEmpty() ? 0 : recent.peekFirst().sequence();
        }
    }

    /** The sequence of the latest delivered event (0 when none). */
    public long latest() {
        synchronized (recent) {
            return recent.isEmpty() ? 0 : recent.peekLast().sequence();
        }
    }

    /**
     * Names this bus's run of sequences (random, new with each start of the server): a resume point of
     * another run cannot be compared with this run's sequences.
     */
    public String run() {
        return run;
    }

    public long dropped() {
        return dropped.get();
    }

    public int waiting() {
        return queue.size();
    }

    private void deliver() {
        while (!closed || !queue.isEmpty()) {
            ConferenceEvent event;
            try {
                event = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (event == null) {
                continue;
            }
            ConferenceEvent numbered = event.numbered(nextSequence++);
            synchronized (recent) {
                recent.addLast(numbered);
                if (recent.size() > keep) {
                    recent.removeFirst();
                }
            }
            for (Listener listener : listeners) {
                try {
                    listener.onEvent(numbered);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "event listener failed on " + numbered.type(), e);
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            delivery.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
