package org.confbridge.media.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.confbridge.media.MediaLeg;
import org.confbridge.media.rtp.RtpPacket;
import org.confbridge.media.sdp.AudioCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** After the clock skipped ticks (a stalled machine), RTP timestamps tell the time that passed. */
class StalledClockTest {
    private EngineFixture fixture;

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    private static RtpPacket next(TestPhone phone) throws Exception {
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        phone.channel.receive(buffer);
        RtpPacket packet = new RtpPacket();
        assertThat(packet.parse(buffer.array(), buffer.position())).isNull();
        return packet;
    }

    @Test
    void skippedTicksAdvanceTheTimestampButNotTheSequenceNumber() throws Exception {
        fixture = new EngineFixture();
        MediaLeg leg = fixture.addParticipant(AudioCodec.PCMU);
        fixture.engine.advance(1);
        RtpPacket before = next(fixture.phone(0));
        long timestamp = before.timestamp();
        int sequence = before.sequenceNumber();

        fixture.engine.mixer().ticksSkipped(3);
        fixture.engine.advance(1);

        RtpPacket after = next(fixture.phone(0));
        assertThat((after.timestamp() - timestamp) & 0xFFFFFFFFL).isEqualTo(4 * 160L); // 3 skipped + this one
        assertThat(after.sequenceNumber()).isEqualTo((sequence + 1) & 0xFFFF);     // no packet is missing
        assertThat(leg.stats().packetsSent()).isEqualTo(2);
    }
}
