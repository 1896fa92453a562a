package org.confbridge.testkit.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The test phone's own SRTP: RFC 3711's key derivation vectors, round trips across a sequence wrap, wrong keys. */
class SrtpContextTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void keyDerivationMatchesRfc3711AppendixB3() throws Exception {
        byte[] masterKey = HEX.parseHex("e1f97a0d3e018be0d64fa32c06de4139");
        byte[] masterSalt = HEX.parseHex("0ec675ad498afeebb6960b3aabe6");
        assertThat(HEX.formatHex(SrtpContext.derive(masterKey, masterSalt, 0, 16)))
                .isEqualTo("c61e7a93744f39ee10734afe3ff7a087");
        assertThat(HEX.formatHex(SrtpContext.derive(masterKey, masterSalt, 2, 14)))
                .isEqualTo("30cbbc08863d8c85d49db34a9ae1");
        assertThat(HEX.formatHex(SrtpContext.derive(masterKey, masterSalt, 1, 20)))
                .isEqualTo("cebe321f6ff7716b6fd4ab49af256a156d38baa4");
    }

    @Test
    void packetsSurviveTheRoundTripAcrossASequenceWrapAndAWrongKeyIsRefused() {
        byte[] key = SrtpContext.newKeyAndSalt();
        SrtpContext sender = new SrtpContext(key, 10);
        SrtpContext receiver = new SrtpContext(key, 10);
        SrtpContext stranger = new SrtpContext(SrtpContext.newKeyAndSalt(), 10);
        for (int i = 0; i < 200; i++) {
            int sequence = (65_500 + i) & 0xFFFF;
            byte[] rtp = new RtpPacket(false, 0, sequence, 160L * i, 0x0BADCAFEL, filled((byte) i)).toBytes();
            byte[] srtp = sender.protect(rtp);
            assertThat(srtp).hasSize(rtp.length + 10);
            assertThat(Arrays.copyOfRange(srtp, 12, rtp.length)).isNotEqualTo(Arrays.copyOfRange(rtp, 12, rtp.length));
            assertThat(receiver.unprotect(srtp, srtp.length)).as("packet %d", i).isEqualTo(rtp);
            assertThat(stranger.unprotect(srtp, srtp.length)).isNull();
        }
    }

    private static byte[] filled(byte value) {
        byte[] payload = new byte[160];
        Arrays.fill(payload, value);
        return payload;
    }
}
