package org.confbridge.app;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.confbridge.domain.settings.ConferenceSettings;

/**
 * Recently read conference properties, so that a client polling them does not cost a database round trip
 * per GET. Correct under concurrent writes on this node: a write {@link #invalidate}s after its commit, and
 * a read that began before that invalidation cannot put its (possibly older) result back
 * ({@link #readStamp()} / {@link #offer}). A write made by another node that shares the database is not
 * seen here: an entry is used for {@link #FRESHNESS_NANOS} (one second) at most, so such a change shows
 * on this node's GET within a second (live conferences read the database, not this cache). Bounded.
 * Thread-safe; time is passed in (nanoTime), so tests step it.
 */
public final class ConferencePropertiesCache {

    /** How long an entry answers without asking the database: a change made by another node shows this late. */
    public static final long FRESHNESS_NANOS = 1_000_000_000L;
    private static final int MAX_ENTRIES = 10_000;

    /** The stored properties of one conference extension and the client that owns it (never changes). */
    public record Cached(long clientId, ConferenceSettings settings) {
    }

    private record Entry(Cached value, long loadedAt) {
    }

    private final Map<Long, Entry> entries = new ConcurrentHashMap<>();
    /** Counts invalidations: a read offers its result only if none happened since it started. */
    private final AtomicLong invalidations = new AtomicLong();

    /** The entry of this extension if it was read less than {@link #FRESHNESS_NANOS} ago. */
    public Optional<Cached> fresh(long extensionId, long nowNanos) {
        Entry e = entries.get(extensionId);
        if (e == null || nowNanos - e.loadedAt >= FRESHNESS_NANOS) {
            return Optional.empty();
        }
        return Optional.of(e.value);
    }

    /** Taken before reading the database; passed to {@link #offer}. */
    public long readStamp() {
        return invalidations.get();
    }

    /**
     * Remembers what a read found, unless a write invalidated anything since {@code stamp} was taken (the read
     * may then have seen the state before that write's commit).
     */
    public void offer(long extensionId, Cached value, long stamp, long nowNanos) {
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear(); // crude but bounded: the next reads simply go to the database
        }
        // The check runs inside compute, which excludes invalidate's remove of the same key: an invalidation
        // that counts after this check removes the entry right after it is put.
        entries.compute(extensionId, (id, old) -> invalidations.get() == stamp ? new Entry(value, nowNanos) : old);
    }

    /** After a write of this extension's properties (or of the extension itself) has committed, or failed. */
    public void invalidate(long extensionId) {
        invalidations.incrementAndGet();
        entries.remove(extensionId);
    }
}
