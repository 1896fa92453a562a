package org.confbridge.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WriteCombinerTest {

    private final WriteCombiner<String, Integer, String> combiner = new WriteCombiner<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void aLoneRequestIsWrittenAtOnceByItsOwnThread() {
        List<List<Integer>> batches = new ArrayList<>();
        String out = combiner.submit("k", 1, items -> {
            batches.add(List.copyOf(items));
            return items.stream().map(i -> "wrote " + i).toList();
        });

        assertThat(out).isEqualTo("wrote 1");
        assertThat(batches).containsExactly(List.of(1));
    }

    @Test
    void requestsArrivingDuringAWriteAreWrittenTogetherInArrivalOrderEachOnceWithItsOwnOutput() throws Exception {
        List<Integer> written = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger batches = new AtomicInteger();
        WriteCombiner.BatchWriter<Integer, String> slowWriter = items -> {
            batches.incrementAndGet();
            sleepQuietly(); // a write takes a while: others queue up meanwhile
            written.addAll(items);
            return items.stream().map(i -> "out " + i).toList();
        };
        int threads = 8;
        int perThread = 50;
        List<Future<?>> jobs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int base = t * 1000;
            jobs.add(pool.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    assertThat(combiner.submit("k", base + i, slowWriter)).isEqualTo("out " + (base + i));
                }
                return null;
            }));
        }
        for (Future<?> job : jobs) {
            job.get(60, TimeUnit.SECONDS);
        }

        assertThat(written).hasSize(threads * perThread).doesNotHaveDuplicates();
        assertThat(batches.get()).isLessThan(threads * perThread); // combined, not one write each
        for (int t = 0; t < threads; t++) { // each sender's requests were written in the order it sent them
            int base = t * 1000;
            List<Integer> own = written.stream().filter(i -> i / 1000 == base / 1000).toList();
            assertThat(own).isSorted();
        }
    }

    @Test
    void aFailedWriteFailsEveryRequestOfItsBatchAndTheNextWriteWorks() throws Exception {
        CountDownLatch firstWriting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        WriteCombiner.BatchWriter<Integer, String> writer = items -> {
            if (calls.incrementAndGet() == 1) {
                firstWriting.countDown();
                awaitQuietly(release);
                return items.stream().map(i -> "ok " + i).toList();
            }
            if (items.contains(2)) {
                throw new IllegalStateException("database down");
            }
            return items.stream().map(i -> "ok " + i).toList();
        };
        Future<String> first = pool.submit(() -> combiner.submit("k", 1, writer));
        firstWriting.await(10, TimeUnit.SECONDS);
        Future<String> second = pool.submit(() -> combiner.submit("k", 2, writer));
        Future<String> third = pool.submit(() -> combiner.submit("k", 3, writer));
        while (!queuedBehindTheWrite(second, third)) {
            Thread.onSpinWait();
        }
        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("ok 1");
        assertThatThrownBy(() -> second.get(10, TimeUnit.SECONDS)).hasMessageContaining("database down");
        assertThatThrownBy(() -> third.get(10, TimeUnit.SECONDS)).hasMessageContaining("database down");
        assertThat(combiner.submit("k", 4, writer)).isEqualTo("ok 4");
    }

    @Test
    void differentKeysDoNotWaitForEachOther() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch writingA = new CountDownLatch(1);
        Future<String> a = pool.submit(() -> combiner.submit("a", 1, items -> {
            writingA.countDown();
            awaitQuietly(release);
            return List.of("a");
        }));
        writingA.await(10, TimeUnit.SECONDS);

        assertThat(combiner.submit("b", 2, items -> List.of("b"))).isEqualTo("b");
        release.countDown();
        assertThat(a.get(10, TimeUnit.SECONDS)).isEqualTo("a");
    }

    /** Both submitters are parked waiting for the lane (no public hook: the pool's threads are WAITING). */
    private static boolean queuedBehindTheWrite(Future<String> second, Future<String> third) {
        long waiting = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getState() == Thread.State.WAITING)
                .filter(t -> List.of(t.getStackTrace()).stream()
                        .anyMatch(f -> f.getClassName().equals(WriteCombiner.class.getName())))
                .count();
        return !second.isDone() && !third.isDone() && waiting == 2;
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
