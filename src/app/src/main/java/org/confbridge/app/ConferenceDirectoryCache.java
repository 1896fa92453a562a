package org.confbridge.app;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Recent answers of the directory ({@link ConferenceDirectory}): which conference, with which properties, a
 * Request-URI host and number lead to, or that they lead to none. A caller of a conference usually comes
 * with others within a second, and each lookup otherwise costs several database queries on the SIP thread.
 *
 * <p>Correct under writes on this node: every write of a client, an extension or conference properties calls
 * {@link #invalidateAll} after its commit, and a read that began before that cannot put its (possibly older)
 * answer back: each answer carries the generation it was read in ({@link #readStamp()}), and only answers of
 * the current generation are used. A write made by another node that shares the database is not seen here:
 * an answer is used for {@link #FRESHNESS_NANOS} (one second) at most, so another node's change reaches
 * this node's new callers within a second (the same as the properties' GET, {@link ConferencePropertiesCache}).
 * Bounded. Thread-safe; time is passed in (nanoTime), so tests step it.
 */
public final class ConferenceDirectoryCache {

    /** How long an answer is used without asking the database: a change made by another node shows this late. */
    public static final long FRESHNESS_NANOS = 1_000_000_000L;
    private static final int MAX_ENTRIES = 10_000;

    private record Key(String host, String number) {
    }

    private record Entry(Optional<ConferenceExtension> answer, long generation, long loadedAt) {
    }

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    /** Counts invalidations: an answer read in an earlier generation is never used. */
    private final AtomicLong generation = new AtomicLong();

    /**
     * The answer for this host and number if it was read less than {@link #FRESHNESS_NANOS} ago and no write
     * happened since its read began; null when the database must be asked.
     */
    public Optional<ConferenceExtension> fresh(String host, String number, long nowNanos) {
        Entry e = entries.get(key(host, number));
        if (e == null || e.generation != generation.get() || nowNanos - e.loadedAt >= FRESHNESS_NANOS) {
            return null;
        }
        return e.answer;
    }

    /** Taken before reading the database; passed to {@link #offer}. */
    public long readStamp() {
        return generation.get();
    }

    /** Remembers what a read that began at {@code stamp} found (used only if nothing was written since). */
    public void offer(String host, String number, Optional<ConferenceExtension> answer, long stamp, long nowNanos) {
        if (stamp != generation.get()) {
            return; // it may have read the state before a write's commit; the next caller reads again
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear(); // crude but bounded (numbers scanned at random): the next reads go to the database
        }
        entries.put(key(host, number), new Entry(answer, stamp, nowNanos));
    }

    /** After a write of a client, an extension or conference properties has committed (or failed). */
    public void invalidateAll() {
        generation.incrementAndGet();
        entries.clear();
    }

    private static Key key(String host, String number) {
        return new Key(host == null ? "" : host.toLowerCase(Locale.ROOT), number);
    }
}
