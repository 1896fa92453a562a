package org.confbridge.app.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ParticipantIdsTest {

    @Test
    void idsAreWellFormedAndDistinctAcrossThreads() throws Exception {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                jobs.add(pool.submit(() -> {
                    for (int i = 0; i < 10_000; i++) { // several refills of each thread's drawn bytes
                        String id = ParticipantIds.next().value();
                        assertThat(ParticipantIds.isWellFormed(id)).as(id).isTrue();
                        seen.add(id);
                    }
                    return null;
                }));
            }
            for (Future<?> job : jobs) {
                job.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(seen).hasSize(40_000);
    }

    @Test
    void somethingElseIsNotAnId() {
        assertThat(ParticipantIds.isWellFormed("ABCDEFGHIJKL")).isFalse();
        assertThat(ParticipantIds.isWellFormed("abc")).isFalse();
        assertThat(ParticipantIds.isWellFormed(null)).isFalse();
    }
}
