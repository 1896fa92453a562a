package org.confbridge.media.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.confbridge.media.Announcement;
import org.confbridge.media.JoinOptions;
import org.confbridge.media.MediaEngineConfig;
import org.confbridge.media.MediaException;
import org.confbridge.media.MediaLeg;
import org.confbridge.media.PlayRequest;
import org.confbridge.media.RecordingOptions;
import org.confbridge.media.Room;
import org.confbridge.media.Tone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The RTP port pool goes back to its idle size (zero in use) whichever way legs end. */
class PortPoolTest {
    private static final int PORTS = 8;

    @TempDir
    Path dir;

    private EngineFixture fixture;

    @AfterEach
    void tearDown() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    /** A range of {@value #PORTS} even ports, all free now, below the ephemeral ports of other processes. */
    private static MediaEngineConfig smallRange() throws Exception {
        while (true) {
            int base = 20000 + 2 * ThreadLocalRandom.current().nextInt(5000);
            if (allFree(base, PORTS)) {
                return EngineFixture.portPerCallConfig().withPorts(base, base + 2 * (PORTS - 1));
            }
        }
    }

    private static boolean allFree(int base, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            try (DatagramChannel probe = DatagramChannel.open()) {
                probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), base + 2 * i));
            } catch (java.net.BindException e) {
                return false;
            }
        }
        return true;
    }

    private List<MediaLeg> allocateAll() throws Exception {
        List<MediaLeg> legs = new ArrayList<>();
        for (int i = 0; i < PORTS; i++) {
            legs.add(fixture.engine.allocateLeg());
        }
        return legs;
    }

    private void assertIdle(MediaEngineConfig config) throws Exception {
        assertThat(fixture.engine.stats().rtpPortsInUse()).isZero();
        assertThat(fixture.engine.stats().legs()).isZero();
        assertThat(allFree(config.rtpPortMin(), PORTS)).as("the OS has every port back").isTrue();
    }

    @Test
    void exhaustedPoolRefusesWithoutHoldingAnythingAndRecoversAfterEveryLegCloses() throws Exception {
        MediaEngineConfig config = smallRange();
        fixture = new EngineFixture(config);
        List<MediaLeg> legs = allocateAll();
        assertThat(fixture.engine.stats().rtpPortsInUse()).isEqualTo(PORTS);

        for (int attempt = 0; attempt < 20; attempt++) { // an attacker's burst of calls
            assertThatThrownBy(fixture.engine::allocateLeg).isInstanceOf(MediaException.class);
        }
        assertThat(fixture.engine.stats().rtpPortsInUse()).isEqualTo(PORTS);

        legs.forEach(MediaLeg::close);
        assertIdle(config);
        allocateAll().forEach(MediaLeg::close); // the whole range is usable again
        assertIdle(config);
    }

    @Test
    void legsClosedInEveryStateAndOnErrorPathsGiveTheirPortsBack() throws Exception {
        MediaEngineConfig config = smallRange();
        fixture = new EngineFixture(config);
        Room room = fixture.engine.createRoom("pool");
        List<MediaLeg> legs = allocateAll();
        TestPhone phone = new TestPhone(org.confbridge.media.sdp.AudioCodec.PCMU, 1);
        fixture.phones.add(phone);

        legs.get(0).close();                                     // never negotiated (SDP answer failed: 488)
        legs.get(1).update(phone.media());
        legs.get(1).close();
        legs.get(1).close();                                     // twice
        legs.get(2).update(phone.media());
        room.join(legs.get(2), JoinOptions.DEFAULT);
        legs.get(2).play(PlayRequest.of(Announcement.tone(Tone.BEEP)).looped());
        legs.get(2).record(dir.resolve("r.wav"), RecordingOptions.name(java.time.Duration.ofSeconds(5)));
        fixture.engine.advance(2);
        legs.get(2).close();                                     // in a room, playing and recording
        Path nowhere = dir.resolve("missing");
        legs.get(3).update(phone.media());
        legs.get(3).record(nowhere.resolve("x.wav"), RecordingOptions.name(java.time.Duration.ofSeconds(5)));
        fixture.engine.advance(2);                               // the recording fails (no such directory)
        legs.get(3).close();
        legs.get(4).play(PlayRequest.of(Announcement.file(dir.resolve("no-such.wav"))));  // play fails
        legs.get(4).close();
        legs.get(5).setListener(new org.confbridge.media.MediaLegListener() {
            @Override
            public void onTalking(boolean talking) {
                throw new IllegalStateException("a listener that fails");
            }
        });
        legs.get(5).close();
        room.join(legs.get(6), JoinOptions.DEFAULT);
        room.close();                                            // the room ends before its member
        legs.get(6).close();

        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> closes = new ArrayList<>();
            for (int i = 0; i < 4; i++) {                        // the same leg closed by 4 threads at once
                closes.add(threads.submit(() -> {
                    go.await();
                    legs.get(7).close();
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> close : closes) {
                close.get(5, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        fixture.engine.advance(1);

        assertIdle(config);
    }
}
