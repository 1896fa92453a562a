package org.confbridge.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Group commit for writes to one record: requests for the same key that arrive while a write of that key is
 * under way wait, and are then written together, in arrival order, by one of them (one transaction, one
 * commit, one row lock for the lot instead of one each). A request alone is written at once by its own
 * thread. Each request gets its own item's output; a batch that throws fails every request in it.
 *
 * <p>Only requests on this node are combined; writers on other nodes are still ordered by the database's row
 * lock. Thread-safe; the waiting threads block (they are request threads).
 *
 * @param <K> what is written (e.g. one conference)
 * @param <I> one request's change
 * @param <O> one request's outcome
 */
public final class WriteCombiner<K, I, O> {

    /** Writes a batch in one go; returns one output per item, in the items' order. */
    @FunctionalInterface
    public interface BatchWriter<I, O> {
        List<O> write(List<I> items);
    }

    private static final class Pending<I, O> {
        final I item;
        O output;
        RuntimeException failure;
        boolean done;

        Pending(I item) {
            this.item = item;
        }
    }

    private static final class Lane<I, O> {
        final List<Pending<I, O>> waiting = new ArrayList<>();
        boolean writing;
    }

    private final Map<K, Lane<I, O>> lanes = new ConcurrentHashMap<>();

    /**
     * Writes {@code item} (with whatever else is waiting for {@code key}) and returns its output. An interrupt
     * while waiting does not withdraw the item (it is written anyway); the flag is kept for the caller.
     *
     * @throws RuntimeException what the batch's write threw
     */
    public O submit(K key, I item, BatchWriter<I, O> writer) {
        Pending<I, O> mine = new Pending<>(item);
        Lane<I, O> lane;
        while (true) {
            lane = lanes.computeIfAbsent(key, k -> new Lane<>());
            synchronized (lane) {
                if (lanes.get(key) == lane) { // not retired meanwhile by its last writer
                    lane.waiting.add(mine);
                    break;
                }
            }
        }
        boolean interrupted = false;
        try {
            while (true) {
                List<Pending<I, O>> batch;
                synchronized (lane) {
                    while (!mine.done && lane.writing) {
                        try {
                            lane.wait();
                        } catch (InterruptedException e) {
                            interrupted = true;
                        }
                    }
                    if (mine.done) {
                        return result(mine);
                    }
                    // Nobody is writing and mine is still queued: write everything queued, mine included.
                    lane.writing = true;
                    batch = new ArrayList<>(lane.waiting);
                    lane.waiting.clear();
                }
                try {
                    write(batch, writer);
                } finally {
                    synchronized (lane) {
                        lane.writing = false;
                        if (lane.waiting.isEmpty()) {
                            lanes.remove(key, lane); // nothing queued: retire it (keeps the map small)
                        }
                        lane.notifyAll();
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void write(List<Pending<I, O>> batch, BatchWriter<I, O> writer) {
        List<I> items = new ArrayList<>(batch.size());
        for (Pending<I, O> p : batch) {
            items.add(p.item);
        }
        List<O> outputs = null;
        RuntimeException failure = null;
        try {
            outputs = writer.write(items);
            if (outputs.size() != items.size()) {
                failure = new IllegalStateException(outputs.size() + " outputs for " + items.size() + " items");
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        for (int i = 0; i < batch.size(); i++) {
            Pending<I, O> p = batch.get(i);
            // Published to the waiting threads by the lane's monitor, taken in submit's finally block.
            if (failure != null) {
                p.failure = failure;
            } else {
                p.output = outputs.get(i);
            }
            p.done = true;
        }
    }

    private static <I, O> O result(Pending<I, O> p) {
        if (p.failure != null) {
            throw p.failure;
        }
        return p.output;
    }
}
