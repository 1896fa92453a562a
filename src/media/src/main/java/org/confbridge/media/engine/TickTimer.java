package org.confbridge.media.engine;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;

/** Durations of the recent ticks (written by the clock thread, read by stats on any thread). */
final class TickTimer {
    // About 20 s of ticks: recent enough that a dashboard (and the load benchmark's 20 s window) sees
    // the current load, not the calls' set-up a minute ago.
    private static final int WINDOW = 1024;
    private final AtomicLongArray nanos = new AtomicLongArray(WINDOW);
    private long count; // clock thread

    void record(long durationNanos) {
        nanos.lazySet((int) (count++ % WINDOW), durationNanos);
    }

    /** p50, p99, max in microseconds over the window. */
    long[] percentilesMicros() {
        int n = (int) Math.min(count, WINDOW);
        if (n == 0) {
            return new long[] {0, 0, 0};
        }
        long[] copy = new long[n];
        for (int i = 0; i < n; i++) {
            copy[i] = nanos.get(i);
        }
        Arrays.sort(copy);
        return new long[] {copy[n / 2] / 1000, copy[Math.min(n - 1, (int) (n * 0.99))] / 1000, copy[n - 1] / 1000};
    }
}
