package org.confbridge.app;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Recent answers of the directory ({@link ConferenceDirectory}): which client a Request-URI host leads to, and
 * which conference, with which properties, a client's number is (or that there is none). Callers of a
 * conference usually come within a second of each other, and each lookup otherwise costs several database
 * queries on the SIP thread.
 *
 * <p>Correct under writes on this node: every write of a client, an extension or conference properties calls
 * {@link #invalidateAll} after its commit, and a read that began before that cannot put its (possibly older)
 * answer back: each answer carries the generation it was read in ({@link #readStamp()}), and only answers of
 * the current generation are used. A write made by another node that shares the database is not seen here:
 * an answer is used for {@link #FRESHNESS_NANOS} (one second) at most, so another node's change reaches
 * this node's new callers within a second (as the properties' GET, {@link ConferencePropertiesCache}).
 * Bounded. Thread-safe; time is passed in (nanoTime), so tests step it.
 */
public final class ConferenceDirectoryCache {

    /** How long an answer is used without asking the database: a change made by another node shows this late. */
    public static final long FRESHNESS_NANOS = 1_000_000_000L;
    static final int MAX_ENTRIES = 10_000;

    /** A client's number. */
    private record Number(long clientId, String number) {
    }

    /** Counts invalidations: an answer read in an earlier generation is never used. */
    private final AtomicLong generation = new AtomicLong();
    private final Answers<String, Optional<Long>> clients = new Answers<>();
    private final Answers<Number, Optional<ConferenceExtension>> conferences = new Answers<>();

    /**
     * The client calls to this host (any case; null or empty: none) go to, if read less than
     * {@link #FRESHNESS_NANOS} ago and no write happened since its read began; null when the database must be
     * asked. An empty answer: no client takes them.
     */
    public Optional<Long> client(String host, long nowNanos) {
        return clients.fresh(hostKey(host), nowNanos);
    }

    /** The conference that number of that client is, as {@link #client}; empty: none. */
    public Optional<ConferenceExtension> conference(long clientId, String number, long nowNanos) {
        return conferences.fresh(new Number(clientId, number), nowNanos);
    }

    /** Taken before reading the database; passed to the offers. */
    public long readStamp() {
        return generation.get();
    }

    /** Remembers what a read that began at {@code stamp} found (used only if nothing was written since). */
    public void offerClient(String host, Optional<Long> clientId, long stamp, long nowNanos) {
        clients.offer(hostKey(host), clientId, stamp, nowNanos);
    }

    /** Remembers what a read that began at {@code stamp} found (used only if nothing was written since). */
    public void offerConference(long clientId, String number, Optional<ConferenceExtension> conference, long stamp,
                                long nowNanos) {
        conferences.offer(new Number(clientId, number), conference, stamp, nowNanos);
    }

    /** After a write of a client, an extension or conference properties has committed (or failed). */
    public void invalidateAll() {
        generation.incrementAndGet();
        clients.clear();
        conferences.clear();
    }

    private static String hostKey(String host) {
        return host == null ? "" : host.toLowerCase(Locale.ROOT);
    }

    /** Answers by key, each with the generation it was read in and when. */
    private final class Answers<K, V> {

        private record Entry<V>(V answer, long generation, long loadedAt) {
        }

        private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

        V fresh(K key, long nowNanos) {
            Entry<V> e = entries.get(key);
            if (e == null || e.generation != generation.get() || nowNanos - e.loadedAt >= FRESHNESS_NANOS) {
                return null;
            }
            return e.answer;
        }

        void offer(K key, V answer, long stamp, long nowNanos) {
            if (stamp != generation.get()) {
                return; // it may have read the state before a write's commit; the next caller reads again
            }
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear(); // crude but bounded (numbers dialled at random): the next reads go to the database
            }
            // An invalidation between the check above and this put leaves an entry of an old generation: unused.
            entries.put(key, new Entry<>(answer, stamp, nowNanos));
        }

        void clear() {
            entries.clear();
        }
    }
}
