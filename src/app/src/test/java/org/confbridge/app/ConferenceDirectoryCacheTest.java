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
        cache.offerClient("example.net", Optional.of(3L), cache.readStamp(), 0);
        cache.offerConference(3, "1000", conference, cache.readStamp(), 0);

        assertThat(cache.client("example.net", SECOND - 1)).contains(3L);
        assertThat(cache.conference(3, "1000", SECOND - 1)).isEqualTo(conference);
        assertThat(cache.client("example.net", SECOND)).isNull();
        assertThat(cache.conference(3, "1000", SECOND)).isNull();
        assertThat(cache.conference(3, "1001", 0)).isNull();
        assertThat(cache.conference(4, "1000", 0)).isNull();
        assertThat(cache.client("other.example", 0)).isNull();
    }

    @Test
    void theHostIsCaseInsensitiveAndNoHostIsOneKey() {
        cache.offerClient("Example.NET", Optional.of(3L), cache.readStamp(), 0);
        cache.offerClient(null, Optional.of(1L), cache.readStamp(), 0);

        assertThat(cache.client("example.net", 1)).contains(3L);
        assertThat(cache.client("", 1)).contains(1L);
    }

    @Test
    void unknownHostsAndNumbersAreRememberedToo() {
        cache.offerClient("nobody.example", Optional.empty(), cache.readStamp(), 0);
        cache.offerConference(3, "9999", Optional.empty(), cache.readStamp(), 0);

        assertThat(cache.client("nobody.example", 1)).isNotNull().isEmpty();
        assertThat(cache.conference(3, "9999", 1)).isNotNull().isEmpty();
    }

    @Test
    void aWriteForgetsEveryAnswerAtOnce() {
        cache.offerClient("example.net", Optional.of(3L), cache.readStamp(), 0);
        cache.offerConference(3, "1000", conference, cache.readStamp(), 0);
        cache.offerConference(3, "9999", Optional.empty(), cache.readStamp(), 0);

        cache.invalidateAll();

        assertThat(cache.client("example.net", 1)).isNull();
        assertThat(cache.conference(3, "1000", 1)).isNull();
        assertThat(cache.conference(3, "9999", 1)).isNull();
    }

    @Test
    void aReadThatBeganBeforeAWriteCannotPutItsOlderAnswerBack() {
        long stamp = cache.readStamp();  // an INVITE starts reading the database...
        cache.invalidateAll();           // ...a PUT commits and invalidates meanwhile...
        cache.offerClient("example.net", Optional.of(3L), stamp, 0); // ...its answers (perhaps older) are not used
        cache.offerConference(3, "1000", conference, stamp, 0);

        assertThat(cache.client("example.net", 1)).isNull();
        assertThat(cache.conference(3, "1000", 1)).isNull();
        Optional<ConferenceExtension> changed = Optional.of(conference(20));
        cache.offerConference(3, "1000", changed, cache.readStamp(), 2); // the next read is kept
        assertThat(cache.conference(3, "1000", 3)).isEqualTo(changed);
    }

    @Test
    void staysBounded() {
        for (int i = 0; i <= ConferenceDirectoryCache.MAX_ENTRIES; i++) {
            cache.offerConference(3, Integer.toString(i), Optional.empty(), cache.readStamp(), 0);
        }

        assertThat(cache.conference(3, "0", 1)).isNull(); // forgotten when the bound was reached
        assertThat(cache.conference(3, Integer.toString(ConferenceDirectoryCache.MAX_ENTRIES), 1)).isEmpty();
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
                            cache.offerConference(3, "1000", Optional.of(conference(seen)), stamp, 0);
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
        Optional<ConferenceExtension> left = cache.conference(3, "1000", 1);
        if (left != null) {
            assertThat(left.orElseThrow().settings().maxMembers()).isEqualTo(database.get());
        }
    }

    private static ConferenceExtension conference(int maxMembers) {
        return new ConferenceExtension(7, 3, "1000", null,
                ConferenceSettings.builder().maxMembers(maxMembers).build());
    }
}
