package org.confbridge.media.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.confbridge.media.MediaEngineConfig;
import org.confbridge.media.MediaLeg;
import org.confbridge.media.sdp.AudioCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shared-port transport over real loopback sockets: every leg announces its I/O loop's one port,
 * legs are told apart by where their packets come from, and what cannot be told apart is refused.
 */
class SharedRtpPortTest {
    private EngineFixture fixture;

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void legsAnnounceTheirLoopsPortWhichIsEvenInRangeAndFreeAgainAfterTheEngineCloses() throws Exception {
        MediaEngineConfig config = EngineFixture.baseConfig().withReceiveThreads(2);
        fixture = new EngineFixture(config);
        List<MediaLeg> legs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            legs.add(fixture.addParticipant(AudioCodec.PCMU));
        }
        assertThat(legs).allSatisfy(leg -> {
            assertThat(leg.localPort() % 2).isZero();
            assertThat(leg.localPort()).isBetween(config.rtpPortMin(), config.rtpPortMax());
        });
        List<Integer> ports = legs.stream().map(MediaLeg::localPort).distinct().toList();
        assertThat(ports).hasSize(2);
        assertThat(fixture.engine.stats().rtpPortsInUse()).isEqualTo(2);

        fixture.talk(3, 300, 400, 500, 600, 700, 800, 900, 1000, 1100, 1200); // each phone reaches its own leg
        for (int i = 0; i < 10; i++) {
            assertThat(legs.get(i).stats().packetsReceived()).isEqualTo(3);
        }

        fixture.engine.close();
        for (int port : ports) {
            try (var channel = java.nio.channels.DatagramChannel.open()) {
                channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)); // the OS has it back
            }
        }
    }

    @Test
    void portsTakenByOthersAreSkippedAndAFullRangeIsRefused() throws Exception {
        MediaEngineConfig config = EngineFixture.baseConfig().withReceiveThreads(1);
        int min = config.rtpPortMin();
        config = config.withPorts(min, min + 4); // three even ports
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (var first = java.nio.channels.DatagramChannel.open().bind(new InetSocketAddress(loopback, min));
                var third = java.nio.channels.DatagramChannel.open().bind(new InetSocketAddress(loopback, min + 4))) {
            fixture = new EngineFixture(config);
            assertThat(fixture.addParticipant(AudioCodec.PCMU).localPort()).isEqualTo(min + 2);
            fixture.close();
            try (var second = java.nio.channels.DatagramChannel.open().bind(new InetSocketAddress(loopback, min + 2))) {
                MediaEngineConfig full = config;
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> new EngineFixture(full))
                        .isInstanceOf(java.io.IOException.class).hasMessageContaining("cannot bind RTP port");
            }
            fixture = new EngineFixture(config); // for tearDown
        }
    }

    @Test
    void twoUnlatchedCallersBehindOneNatCannotBeToldApartSoNeitherIsGivenTheOthersAudio() throws Exception {
        // Both calls signalled from 127.0.0.3 (one NAT) and announced SDP addresses their packets do not
        // come from: the first packet from the NAT could be either caller's. Port per call tells them apart.
        fixture = new EngineFixture(EngineFixture.baseConfig().withReceiveThreads(1));
        MediaLeg first = fixture.addParticipant(AudioCodec.PCMU);
        MediaLeg second = fixture.addParticipant(AudioCodec.PCMU);
        first.setSignallingAddress(InetAddress.getByName("127.0.0.3"));
        second.setSignallingAddress(InetAddress.getByName("127.0.0.3"));
        try (TestPhone natted = new TestPhone(AudioCodec.PCMU, 0x70, InetAddress.getByName("127.0.0.3"))) {
            natted.sendFrame(Signals.toneFrame(450, 0, 6000), first.localPort());
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (fixture.engine.stats().droppedFromStrangers() < 1) {
                assertThat(System.nanoTime()).as("the ambiguous packet is dropped and counted").isLessThan(deadline);
                Thread.onSpinWait();
            }
            assertThat(first.stats().packetsReceived()).isZero();
            assertThat(second.stats().packetsReceived()).isZero();

            second.close(); // now only one call may come from the NAT: its packets latch
            natted.sendFrame(Signals.toneFrame(450, 1, 6000), first.localPort());
            fixture.awaitReceived(new long[] {1, 0});
            fixture.engine.advance(1);
            assertThat(natted.receiveOne()).isNotNull(); // answered at the NAT's address
        }
    }
}
