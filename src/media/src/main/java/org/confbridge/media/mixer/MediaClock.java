package org.confbridge.media.mixer;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one clock of the engine: a single thread calling {@link Runnable#run()} on its tick task
 * every {@code periodNanos}. Drift-corrected: tick n is due at {@code start + n * period}, so a
 * late tick does not shift later ones. If the thread falls more than {@value #MAX_BACKLOG_TICKS}
 * ticks behind (a stalled machine), the missed ticks are skipped and counted instead of being
 * run in a burst; the skip listener hears how many, so that RTP timestamps can account for the
 * time that passed (RFC 3550: the timestamp is the sampling instant).
 */
public final class MediaClock implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(MediaClock.class.getName());
    static final int MAX_BACKLOG_TICKS = 5;

    private final long periodNanos;
    private final Runnable tick;
    private final java.util.function.LongConsumer skipped;
    private final LongSupplier nanoTime;
    private final Thread thread;
    private final AtomicLong ticks = new AtomicLong();
    private final AtomicLong lateTicks = new AtomicLong();
    private final AtomicLong skippedTicks = new AtomicLong();
    private volatile boolean running;

    public MediaClock(long periodNanos, Runnable tick, String threadName) {
        this(periodNanos, tick, count -> { }, threadName);
    }

    /** @param skipped told (on the clock thread, before the next tick) how many ticks a stall skipped */
    public MediaClock(long periodNanos, Runnable tick, java.util.function.LongConsumer skipped, String threadName) {
        this.periodNanos = periodNanos;
        this.tick = tick;
        this.skipped = skipped;
        this.nanoTime = System::nanoTime;
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
        this.thread.setPriority(Thread.MAX_PRIORITY);
    }

    public void start() {
        running = true;
        thread.start();
    }

    private void run() {
        long start = nanoTime.getAsLong();
        long n = 0;
        while (running) {
            long due = start + n * periodNanos;
            long wait = due - nanoTime.getAsLong();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                continue; // re-check: park may return early
            }
            if (-wait > periodNanos / 2) {
                lateTicks.incrementAndGet();
            }
            try {
                tick.run();
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "media tick failed", e);
            }
            ticks.incrementAndGet();
            n++;
            long behind = (nanoTime.getAsLong() - (start + n * periodNanos)) / periodNanos;
            if (behind > MAX_BACKLOG_TICKS) {
                skippedTicks.addAndGet(behind);
                n += behind;
                skipped.accept(behind);
            }
        }
    }

    /** Ticks run so far. */
    public long ticks() {
        return ticks.get();
    }

    /** Ticks that started more than half a period after they were due. */
    public long lateTicks() {
        return lateTicks.get();
    }

    /** Ticks dropped after a stall. */
    public long skippedTicks() {
        return skippedTicks.get();
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
