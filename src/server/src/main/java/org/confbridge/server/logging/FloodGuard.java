package org.confbridge.server.logging;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * The root handler: passes records to the real handlers (console, file) unless one logger floods them.
 * Each logger may log {@code burst} records per window; beyond that its records are counted and dropped,
 * and one summary line says how many were dropped when the window ends. A flood of bad packets thus costs
 * a few lines per window, not a line per packet.
 */
public final class FloodGuard extends Handler {

    static final String SUMMARY_LOGGER = "org.confbridge.server.logging";

    private final List<Handler> targets;
    private final int burst;
    private final long windowNanos;
    private final LongSupplier clock;
    private final Map<String, Window> windows = new LinkedHashMap<>();
    private ScheduledExecutorService flusher;

    FloodGuard(List<Handler> targets, int burst, long windowMillis, LongSupplier clock) {
        this.targets = List.copyOf(targets);
        this.burst = burst;
        this.windowNanos = TimeUnit.MILLISECONDS.toNanos(windowMillis);
        this.clock = clock;
    }

    /** Guards these handlers with the default limits (20 records per logger per 10 s) and a summary timer. */
    public static FloodGuard around(List<Handler> targets) {
        FloodGuard guard = new FloodGuard(targets, 20, 10_000, System::nanoTime);
        guard.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "log-flood-summary");
            thread.setDaemon(true);
            return thread;
        });
        guard.flusher.scheduleWithFixedDelay(guard::summarizeEndedWindows, 5, 5, TimeUnit.SECONDS);
        return guard;
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        List<LogRecord> summaries;
        boolean pass;
        synchronized (this) {
            long now = clock.getAsLong();
            summaries = endedWindows(now, false);
            String key = record.getLoggerName() == null ? "" : record.getLoggerName();
            Window window = windows.computeIfAbsent(key, k -> new Window(now));
            pass = window.admit();
        }
        summaries.forEach(this::deliver);
        if (pass) {
            deliver(record);
        }
    }

    void summarizeEndedWindows() {
        List<LogRecord> summaries;
        synchronized (this) {
            summaries = endedWindows(clock.getAsLong(), false);
        }
        summaries.forEach(this::deliver);
    }

    private List<LogRecord> endedWindows(long now, boolean all) {
        List<LogRecord> summaries = new ArrayList<>();
        for (Iterator<Map.Entry<String, Window>> it = windows.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Window> entry = it.next();
            Window window = entry.getValue();
            if (all || now - window.start >= windowNanos) {
                if (window.dropped > 0) {
                    LogRecord summary = new LogRecord(Level.WARNING, window.dropped + " more messages from "
                            + entry.getKey() + " not logged (more than " + burst + " in "
                            + TimeUnit.NANOSECONDS.toSeconds(windowNanos) + " s)");
                    summary.setLoggerName(SUMMARY_LOGGER);
                    summaries.add(summary);
                }
                it.remove();
            }
        }
        return summaries;
    }

    private void deliver(LogRecord record) {
        for (Handler target : targets) {
            target.publish(record);
        }
    }

    @Override
    public void flush() {
        summarizeEndedWindows();
        targets.forEach(Handler::flush);
    }

    @Override
    public void close() {
        if (flusher != null) {
            flusher.shutdownNow();
        }
        synchronized (this) {
            endedWindows(clock.getAsLong(), true).forEach(this::deliver);
        }
        targets.forEach(Handler::close);
    }

    private final class Window {
        final long start;
        int passed;
        long dropped;

        Window(long start) {
            this.start = start;
        }

        boolean admit() {
            if (passed < burst) {
                passed++;
                return true;
            }
            dropped++;
            return false;
        }
    }
}
