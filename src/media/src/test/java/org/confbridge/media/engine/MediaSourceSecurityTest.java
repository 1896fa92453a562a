package org.confbridge.media.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.confbridge.media.JoinOptions;
import org.confbridge.media.MediaEngineConfig;
import org.confbridge.media.MediaLeg;
import org.confbridge.media.Room;
import org.confbridge.media.sdp.AudioCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A stranger who finds a leg's port, over real loopback sockets: caller A (450 Hz) and listener B
 * share a room; the stranger sends a 1900 Hz tone to A's port. It must never be heard, never
 * receive the room, never cut A off, and every packet of it is counted.
 * (Linux routes all of 127.0.0.0/8 to loopback, so 127.0.0.2 is "another host".)
 */
class MediaSourceSecurityTest {
    private static final double CALLER = 450;
    private static final double STRANGER = 1900;

    EngineFixture fixture;
    private MediaLeg a;
    private MediaLeg b;

    /** This class: a port per leg, so a stranger's packets count on the leg whose port they hit. */
    MediaEngineConfig config() {
        return EngineFixture.portPerCallConfig();
    }

    /** Packets from strangers dropped at {@code leg}. */
    long strangerDrops(MediaLeg leg) {
        return leg.stats().droppedFromStrangers();
    }

    @BeforeEach
    void setUp() throws Exception {
        fixture = new EngineFixture(config());
        a = fixture.addParticipant(AudioCodec.PCMU);
        b = fixture.addParticipant(AudioCodec.PCMU);
        a.setSignallingAddress(InetAddress.getLoopbackAddress()); // the SIP INVITE came from 127.0.0.1
        Room room = fixture.engine.createRoom("secure");
        room.join(a, JoinOptions.DEFAULT);
        room.join(b, JoinOptions.DEFAULT);
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    /** Ticks in which the stranger sends one frame to A's port, then A talks (and B is silent). */
    private void talkWithStranger(TestPhone stranger, int ticks) throws Exception {
        for (int t = 0; t < ticks; t++) {
            long before = strangerDrops(a);
            stranger.sendFrame(Signals.toneFrame(STRANGER, t, 12000), a.localPort());
            awaitStrangerDrops(before + 1);
            fixture.talk(1, CALLER, 0);
        }
    }

    private void awaitStrangerDrops(long count) {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (strangerDrops(a) < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("stranger packets dropped: " + a.stats().dropped());
            }
            Thread.onSpinWait();
        }
    }

    private void assertBHearsOnlyTheCaller() {
        short[] heard = fixture.phone(1).lastHeard(10);
        assertThat(Signals.share(heard, CALLER)).isGreaterThan(0.9);
        assertThat(Signals.share(heard, STRANGER)).isLessThan(0.01);
    }

    @Test
    void aStrangerFromAnotherAddressWhoSendsFirstIsNeitherLatchedNorHeardNorAnswered() throws Exception {
        try (TestPhone stranger = new TestPhone(AudioCodec.PCMU, 0x666, InetAddress.getByName("127.0.0.2"))) {
            for (int t = 0; t < 5; t++) {
                stranger.sendFrame(Signals.toneFrame(STRANGER, t, 12000), a.localPort());
            }
            awaitStrangerDrops(5);
            fixture.engine.advance(1);
            fixture.phone(0).receiveOne(); // the engine still sends to A's SDP address
            fixture.phone(1).receiveOne();

            talkWithStranger(stranger, 15);

            assertBHearsOnlyTheCaller();
            assertThat(a.stats().packetsReceived()).isEqualTo(15); // A's frames, none of the stranger's
            assertThat(strangerDrops(a)).isEqualTo(20);
            assertThat(fixture.engine.stats().droppedFromStrangers()).isEqualTo(20);
            assertThat(stranger.hasPending(50)).as("the stranger hears the room").isFalse();
        }
    }

    @Test
    void aStrangerOnTheCallersOwnHostCannotTakeOverOnceTheCallerSpoke() throws Exception {
        fixture.talk(3, CALLER, 0); // A's packets from its SDP address: that is the source
        try (TestPhone stranger = new TestPhone(AudioCodec.PCMU, 0x667)) { // 127.0.0.1, another port
            talkWithStranger(stranger, 15);

            assertBHearsOnlyTheCaller();
            assertThat(strangerDrops(a)).isEqualTo(15);
            assertThat(stranger.hasPending(50)).isFalse();
        }
        // The caller keeps both directions: what B says still reaches A.
        fixture.talk(10, 0, CALLER);
        assertThat(Signals.share(fixture.phone(0).lastHeard(8), CALLER)).isGreaterThan(0.9);
    }

    @Test
    void theCallersSdpAddressWinsOverAStrangerWhoLatchedFirstFromTheSignallingHost() throws Exception {
        try (TestPhone stranger = new TestPhone(AudioCodec.PCMU, 0x668)) { // 127.0.0.1 = the signalling address
            stranger.sendFrame(Signals.toneFrame(STRANGER, 0, 12000), a.localPort());
            fixture.awaitReceived(new long[] {1, 0}); // latched: the NAT rule allows this host
            fixture.talk(3, CALLER, 0);                // the caller's SDP address takes the leg back

            talkWithStranger(stranger, 15);

            assertBHearsOnlyTheCaller();
            assertThat(strangerDrops(a)).isEqualTo(15);
        }
    }

    @Test
    void aCallerBehindNatIsLatchedOnlyFromTheSignallingAddress() throws Exception {
        MediaLeg c = fixture.addParticipant(AudioCodec.PCMU); // SDP names 127.0.0.1:<its phone>
        c.setSignallingAddress(InetAddress.getByName("127.0.0.3"));
        try (TestPhone stranger = new TestPhone(AudioCodec.PCMU, 0x669, InetAddress.getByName("127.0.0.2"));
                TestPhone natted = new TestPhone(AudioCodec.PCMU, 0x670, InetAddress.getByName("127.0.0.3"))) {
            stranger.sendFrame(Signals.toneFrame(STRANGER, 0, 12000), c.localPort());
            natted.sendFrame(Signals.toneFrame(CALLER, 0, 12000), c.localPort());
            fixture.awaitReceived(new long[] {0, 0, 1});

            fixture.engine.advance(1);

            assertThat(natted.receiveOne()).isNotNull();    // answered at the NAT's address
            assertThat(stranger.hasPending(50)).isFalse();
            assertThat(strangerDrops(c)).isEqualTo(1);
        }
    }

    @Test
    void withoutTheStrictSourceRuleAnyAddressMayLatch() throws Exception {
        fixture.close();
        fixture = new EngineFixture(config().withStrictRtpSource(false));
        MediaLeg leg = fixture.addParticipant(AudioCodec.PCMU);
        leg.setSignallingAddress(InetAddress.getLoopbackAddress());
        try (TestPhone elsewhere = new TestPhone(AudioCodec.PCMU, 0x671, InetAddress.getByName("127.0.0.2"))) {
            elsewhere.sendFrame(Signals.toneFrame(CALLER, 0, 12000), leg.localPort());
            fixture.awaitReceived(new long[] {1});
            fixture.engine.advance(1);
            assertThat(elsewhere.receiveOne()).isNotNull();
        }
    }
}
