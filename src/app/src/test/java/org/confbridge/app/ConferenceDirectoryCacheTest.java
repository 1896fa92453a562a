package org.confbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.confbridge.domain.settings.ConferenceSettings;
import org.junit.jupiter.api.Test;

class ConferenceDirectoryCacheTest {

    private static final long SECOND = ConferenceDirectoryCache.FRESHNESS_NANOS;

    private final ConferenceDirectoryCache cache = new ConferenceDirectoryCache();
    private final Optional<ConferenceExtension> conference = Optional.of(conference(10));

    @Test
    void answersForOneSecondAfterTheRead() {
        cache.offer("example.net", "1000", conference, cache.readStamp(), 0);

        assertThat(cache.fresh("example.net", "1000", SECOND - 1)).isEqualTo(conference);
        assertThat(cache.fresh("example.net", "1000", SECOND)).isNull();
        assertThat(cache.fresh("example.net", "1001", 0)).isNull();
        assertThat(cache.fresh("other.example", "1000", 0)).isNull();
    }

    @Test
    void theHostIsCaseInsensitiveAndNoHostIsOneKey() {
        cache.offer("Example.NET", "1000", conference, cache.readStamp(), 0);
        cache.offer(null, "2000", Optional.empty(), cache.readStamp(), 0);

        assertThat(cache.fresh("example.net", "1000", 1)).isEqualTo(conference);
        assertThat(cache.fresh("", "2000", 1)).isEmpty();
    }

    @Test
    void anUnknownNumberIsRememberedToo() {
        cache.offer("example.net", "9999", Optional.empty(), cache.readStamp(), 0);

        assertThat(cache.fresh("example.net", "9999", 1)).isNotNull().isEmpty();
    }

    @Test
    void aWriteForgetsEveryAnswerAtOnce() {
        cache.offer("example.net", "1000", conference, cache.readStamp(), 0);
        cache.offer("example.net", "9999", Optional.empty(), cache.readStamp(), 0);

        cache.invalidateAll();

        assertThat(cache.fresh("example.net", "1000", 1)).isNull();
        assertThat(cache.fresh("example.net", "9999", 1)).isNull();
    }

    @Test
    void aReadThatBeganBeforeAWriteCannotPutItsOlderAnswerBack() {
        long stamp = cache.readStamp();  // an INVITE starts reading the database...
        cache.invalidateAll();           // ...a PUT commits and invalidates meanwhile...
        cache.offer("example.net", "1000", conference, stamp, 0); // ...its answer (perhaps older) is not used

        assertThat(cache.fresh("example.net", "1000", 1)).isNull();
        Optional<ConferenceExtension> changed = Optional.of(conference(20));
        cache.offer("example.net", "1000", changed, cache.readStamp(), 2); // the next read is kept
        assertThat(cache.fresh("example.net", "1000", 3)).isEqualTo(changed);
    }

    @Test
    void concurrentReadsAndWritesNeverLeaveAnOlderAnswerBehind() throws Exception {
        // The writer bumps a "database" version and invalidates; readers read the version and offer it. Whatever
        // the interleaving, once everyone is done the cache answers nothing or the last version.
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
                            cache.invalidateAll();
                        } else {
                            long stamp = cache.readStamp();
                            int seen = database.get();
                            cache.offer("example.net", "1000", Optional.of(conference(seen)), stamp, 0);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> job : jobs) {
                job.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        Optional<ConferenceExtension> left = cache.fresh("example.net", "1000", 1);
        if (left != null) {
            assertThat(left.orElseThrow().settings().maxMembers()).isEqualTo(database.get());
        }
    }

    private static ConferenceExtension conference(int maxMembers) {
        return new ConferenceExtension(7, 3, "1000", null,
                ConferenceSettings.builder().maxMembers(maxMembers).build());
    }
}
