package org.confbridge.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RtpPacketTest {
    private final RtpPacket packet = new RtpPacket();

    @Test
    void writtenHeaderParsesBack() {
        byte[] data = new byte[12 + 160];
        RtpPacket.writeHeader(data, true, 8, 65535, 0xFFFFFFF0L, 0xCAFEBABE);

        assertThat(packet.parse(data, data.length)).isNull();
        assertThat(packet.marker()).isTrue();
        assertThat(packet.payloadType()).isEqualTo(8);
        assertThat(packet.sequenceNumber()).isEqualTo(65535);
        assertThat(packet.timestamp()).isEqualTo(0xFFFFFFF0L);
        assertThat(packet.ssrc()).isEqualTo(0xCAFEBABE);
        assertThat(packet.payloadOffset()).isEqualTo(12);
        assertThat(packet.payloadLength()).isEqualTo(160);
    }

    @Test
    void csrcListExtensionAndPaddingAreSkipped() {
        byte[] data = new byte[12 + 8 + 4 + 4 + 160 + 4];
        RtpPacket.writeHeader(data, false, 0, 1, 2, 3);
        data[0] = (byte) (0x80 | 0x20 | 0x10 | 2); // padding, extension, 2 CSRCs
        data[12 + 8 + 3] = 1;                       // extension of one word
        data[data.length - 1] = 4;                  // 4 bytes of padding

        assertThat(packet.parse(data, data.length)).isNull();
        assertThat(packet.payloadOffset()).isEqualTo(12 + 8 + 4 + 4);
        assertThat(packet.payloadLength()).isEqualTo(160);
    }

    @Test
    void invalidPacketsSayWhy() {
        assertThat(packet.parse(new byte[11], 11)).isEqualTo(RtpDropReason.SHORT);
        byte[] v1 = new byte[20];
        v1[0] = 0x40;
        assertThat(packet.parse(v1, 20)).isEqualTo(RtpDropReason.BAD_VERSION);
        byte[] csrc = new byte[20];
        csrc[0] = (byte) 0x8F;
        assertThat(packet.parse(csrc, 20)).isEqualTo(RtpDropReason.MALFORMED);
        byte[] padding = new byte[20];
        padding[0] = (byte) 0xA0;
        padding[19] = 100;
        assertThat(packet.parse(padding, 20)).isEqualTo(RtpDropReason.MALFORMED);
        byte[] huge = new byte[12 + RtpPacket.MAX_PAYLOAD + 1];
        huge[0] = (byte) 0x80;
        assertThat(packet.parse(huge, huge.length)).isEqualTo(RtpDropReason.HUGE);
    }
}
