package org.confbridge.app.limits;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Blocks a source address after too many failures: {@code maxFailures} within {@code window} block it for
 * {@code block}. Thread-safe; memory is bounded ({@code maxSources} addresses, idle ones forgotten first,
 * all of them when every one is active).
 */
public final class FailureBlocker {

    private final int maxFailures;
    private final Duration window;
    private final Duration block;
    private final Clock clock;
    private final int maxSources;
    private final Map<String, Source> sources = new ConcurrentHashMap<>();

    public FailureBlocker(int maxFailures, Duration window, Duration block, Clock clock, int maxSources) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.block = block;
        this.clock = clock;
        this.maxSources = maxSources;
    }

    /** How long {@code source} is still blocked; zero when it is not. */
    public Duration blockedFor(String source) {
        Source s = sources.get(key(source));
        return s == null ? Duration.ZERO : s.blockedFor(clock.instant());
    }

    /** Counts one failure of {@code source}; true when this failure starts a block. */
    public boolean failed(String source) {
        String key = key(source);
        if (sources.size() >= maxSources && !sources.containsKey(key)) {
            evictIdle();
        }
        return sources.computeIfAbsent(key, k -> new Source()).fail(clock.instant());
    }

    /** Whole seconds to wait, rounded up, at least 1 (for Retry-After). */
    public static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    public int maxFailures() {
        return maxFailures;
    }

    public Duration window() {
        return window;
    }

    public Duration block() {
        return block;
    }


    private void evictIdle() {
        Instant now = clock.instant();
        sources.entrySet().removeIf(e -> e.getValue().idle(now));
        if (sources.size() >= maxSources) {
            sources.clear(); // every address is active: start over rather than grow without bound
        }
    }

    private static String key(String source) {
        return source == null || source.isEmpty() ? "unknown" : source;
    }

    /** Failures of one address: their times within the window, and the end of a block. */
    private final class Source {
        private final Deque<Instant> failures = new ArrayDeque<>();
        private Instant blockedUntil = Instant.MIN;

        synchronized Duration blockedFor(Instant now) {
            return now.isBefore(blockedUntil) ? Duration.between(now, blockedUntil) : Duration.ZERO;
        }

        synchronized boolean fail(Instant now) {
            while (!failures.isEmpty() && !failures.peekFirst().isAfter(now.minus(window))) {
                failures.pollFirst();
            }
            failures.addLast(now);
            if (failures.size() >= maxFailures && !now.isBefore(blockedUntil)) {
                blockedUntil = now.plus(block);
                failures.clear();
                return true;
            }
            return false;
        }

        synchronized boolean idle(Instant now) {
            return !now.isBefore(blockedUntil)
                    && (failures.isEmpty() || !failures.peekLast().isAfter(now.minus(window)));
        }
    }
}
