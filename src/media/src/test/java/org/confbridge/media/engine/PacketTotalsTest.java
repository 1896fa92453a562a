package org.confbridge.media.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.confbridge.media.JoinOptions;
import org.confbridge.media.MediaLeg;
import org.confbridge.media.MediaStats;
import org.confbridge.media.Room;
import org.confbridge.media.sdp.AudioCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's packet totals (what /metrics shows as RTP in/out/lost and concealments), over real loopback
 * sockets: they follow what the phones send and miss, and a closed leg's counts stay in the totals.
 */
class PacketTotalsTest {

    private EngineFixture fixture;
    private MediaLeg a;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new EngineFixture();
        a = fixture.addParticipant(AudioCodec.PCMU);
        MediaLeg b = fixture.addParticipant(AudioCodec.PCMU);
        Room room = fixture.engine.createRoom("totals");
        room.join(a, JoinOptions.DEFAULT);
        room.join(b, JoinOptions.DEFAULT);
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void packetsInAndOutAreCountedForEveryLeg() throws Exception {
        fixture.talk(10, 450, 0);
        MediaStats stats = fixture.engine.stats();
        assertThat(stats.packetsReceived()).isEqualTo(10);
        assertThat(stats.packetsSent()).isEqualTo(20); // both legs hear something every tick
        assertThat(stats.packetsLost()).isZero();
        assertThat(stats.concealedFrames()).isZero();
    }

    @Test
    void aGapInTheSequenceNumbersIsCountedLostAndConcealed() throws Exception {
        fixture.talk(10, 450, 0);
        fixture.phone(0).lose(3);
        fixture.step(Arrays.asList(null, null)); // the missing frames play out as concealment
        fixture.step(Arrays.asList(null, null));
        fixture.talk(5, 450, 0);
        MediaStats stats = fixture.engine.stats();
        assertThat(stats.packetsLost()).isEqualTo(3);
        assertThat(stats.concealedFrames()).isGreaterThanOrEqualTo(1);
        assertThat(stats.packetsReceived()).isEqualTo(15);
    }

    @Test
    void aClosedLegKeepsItsCountsInTheTotals() throws Exception {
        fixture.talk(10, 450, 0);
        fixture.phone(0).lose(2);
        fixture.talk(3, 450, 0);
        MediaStats before = fixture.engine.stats();
        a.close();
        fixture.engine.advance(1);
        MediaStats after = fixture.engine.stats();
        assertThat(after.packetsReceived()).isEqualTo(before.packetsReceived()).isEqualTo(13);
        assertThat(after.packetsLost()).isEqualTo(2);
        assertThat(after.packetsSent()).isGreaterThanOrEqualTo(before.packetsSent());
    }
}
