package org.confbridge.server.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.confbridge.server.RunningServer;
import org.confbridge.server.SharedServer;
import org.confbridge.server.media.ConferenceFixture;
import org.confbridge.testkit.DtmfMode;
import org.confbridge.testkit.TestPhone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 5, state under concurrency: dozens of callers join three conferences at once (some through a
 * PIN), press keys, and leave in random order. Afterwards every conference behaves as new (the flags one
 * of them set are gone), no call is left in the server, and every RTP port the server used is free.
 */
@ExtendWith(SharedServer.class)
class ConcurrentCallersIT {

    private static final int CONFERENCES = 3;
    private static final int CALLERS_PER_CONFERENCE = 10;

    @Test
    void dozensOfSimultaneousCallersJoiningKeyingAndLeavingLeaveNothingBehind(RunningServer server)
            throws Exception {
        ConferenceFixture fixture = new ConferenceFixture(server);
        List<ConferenceFixture.Conference> conferences = new ArrayList<>();
        for (int i = 0; i < CONFERENCES; i++) {
            conferences.add(fixture.create(i == 0 ? "{\"pin\":\"1111\",\"moderator_pin\":\"2222\"}" : null));
        }
        ExecutorService pool = Executors.newFixedThreadPool(CONFERENCES * CALLERS_PER_CONFERENCE);
        List<Integer> serverPorts = java.util.Collections.synchronizedList(new ArrayList<>());
        try (TestPhone phone = TestPhone.start()) {
            List<Future<?>> callers = new ArrayList<>();
            for (int c = 0; c < CONFERENCES; c++) {
                ConferenceFixture.Conference conference = conferences.get(c);
                boolean withPin = c == 0;
                for (int k = 0; k < CALLERS_PER_CONFERENCE; k++) {
                    String pin = k == 0 ? "2222" : "1111";
                    callers.add(pool.submit(() -> {
                        Caller caller = withPin
                                ? Caller.withPin(fixture, phone, conference, pin, DtmfMode.RFC4733)
                                : Caller.silent(fixture, phone, conference);
                        serverPorts.add(ConferenceFixture.serverRtpPort(caller.call));
                        caller.keys("*1");
                        caller.keys("*1", DtmfMode.INFO_RELAY);
                        caller.keys(ThreadLocalRandom.current().nextBoolean() ? "*92" : "*3");
                        Thread.sleep(ThreadLocalRandom.current().nextInt(200, 1500));
                        caller.hangup();
                        return null;
                    }));
                }
            }
            for (Future<?> caller : callers) {
                caller.get(90, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(awaitLiveCalls(fixture, 0, Duration.ofSeconds(10))).as("live calls after everyone left").isZero();
        for (int port : serverPorts) {
            assertThat(portIsFree(port)).as("server RTP port %d released", port).isTrue();
        }
        // Every conference starts afresh: unlocked (some callers pressed *92), nobody else in it.
        try (TestPhone phone = TestPhone.start()) {
            for (ConferenceFixture.Conference conference : conferences) {
                Caller fresh = conference == conferences.get(0)
                        ? Caller.withPin(fixture, phone, conference, "1111", DtmfMode.RFC4733)
                        : Caller.silent(fixture, phone, conference);
                assertThat(fresh.awaitHears("only_participant")).doesNotContain("conf_locked");
                fresh.hangup();
            }
        }
    }

    private static int awaitLiveCalls(ConferenceFixture fixture, int wanted, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int live;
        do {
            live = fixture.get("/api/ver1.0/health").json().get("live_calls").asInt();
            if (live == wanted) {
                return live;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        return live;
    }

    private static boolean portIsFree(int port) throws InterruptedException {
        for (int attempt = 0; attempt < 30; attempt++) {
            try (DatagramSocket socket = new DatagramSocket(null)) {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                return true;
            } catch (SocketException inUse) {
                Thread.sleep(100);
            }
        }
        return false;
    }
}
