package org.confbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.confbridge.app.ConferencePropertiesCache.Cached;
import org.confbridge.domain.settings.ConferenceSettings;
import org.junit.jupiter.api.Test;

class ConferencePropertiesCacheTest {

    private final ConferencePropertiesCache cache = new ConferencePropertiesCache();
    private final Cached old = new Cached(3, ConferenceSettings.DEFAULTS);
    private final Cached changed = new Cached(3, new ConferenceSettings(true, null, 10, "1234", null, false, null,
            false));

    @Test
    void answersForOneSecondAfterTheRead() {
        cache.offer(7, old, cache.readStamp(), 0);

        assertThat(cache.fresh(7, ConferencePropertiesCache.FRESHNESS_NANOS - 1)).contains(old);
        assertThat(cache.fresh(7, ConferencePropertiesCache.FRESHNESS_NANOS)).isEmpty();
        assertThat(cache.fresh(8, 0)).isEmpty();
    }

    @Test
    void aWriteForgetsTheEntryAtOnce() {
        cache.offer(7, old, cache.readStamp(), 0);

        cache.invalidate(7);

        assertThat(cache.fresh(7, 1)).isEmpty();
    }

    @Test
    void aReadThatBeganBeforeAWriteCannotPutItsOlderResultBack() {
        long stamp = cache.readStamp();   // a GET starts reading the database...
        cache.invalidate(7);              // ...a PUT commits and invalidates meanwhile...
        cache.offer(7, old, stamp, 0);    // ...the GET's result (maybe from before the commit) is not kept

        assertThat(cache.fresh(7, 1)).isEmpty();
        cache.offer(7, changed, cache.readStamp(), 2); // the next read is kept
        assertThat(cache.fresh(7, 3)).contains(changed);
    }

    @Test
    void concurrentReadsAndWritesNeverLeaveAnOlderValueBehind() throws Exception {
        // Writers bump a "database" version and invalidate; readers read the version and offer it. Whatever the
        // interleaving, once everyone is done the cache holds nothing or the last version.
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicInteger database = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                boolean writer = t == 0;
                jobs.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 20_000; i++) {
                        if (writer) {
                            database.incrementAndGet();
                            cache.invalidate(7);
                        } else {
                            long stamp = cache.readStamp();
                            int seen = database.get();
                            cache.offer(7, new Cached(3, withMaxMembers(seen)), stamp, 0);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> job : jobs) {
                job.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        cache.fresh(7, 0).ifPresent(c -> assertThat(c.settings().maxMembers()).isEqualTo(database.get()));
    }

    private static ConferenceSettings withMaxMembers(int n) {
        return new ConferenceSettings(false, null, n, null, null, false, null, false);
    }
}
