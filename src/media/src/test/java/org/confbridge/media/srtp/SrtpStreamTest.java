package org.confbridge.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** SRTP protection of RTP packets with SDES keys: what one side protects only the keyed other side can read. */
class SrtpStreamTest {

    private final SdesCrypto alice = SdesCrypto.random(1, SrtpSuite.AES_CM_128_HMAC_SHA1_80);
    private final SdesCrypto bob = SdesCrypto.random(1, SrtpSuite.AES_CM_128_HMAC_SHA1_80);

    @Test
    void whatOneSideProtectsTheOtherUnprotectsAndThePayloadIsNotInTheClear() {
        SrtpStream aliceSide = new SrtpStream(new SrtpKeys(alice, bob));
        SrtpStream bobSide = new SrtpStream(new SrtpKeys(bob, alice));
        for (int sequence = 1000; sequence < 1100; sequence++) {
            byte[] original = packet(sequence, (byte) 0x55);
            byte[] buffer = Arrays.copyOf(original, 400);
            int protectedLength = aliceSide.protect(buffer, original.length);
            assertThat(protectedLength).isEqualTo(original.length + 10);
            assertThat(Arrays.copyOfRange(buffer, 0, 12)).as("header in the clear").isEqualTo(Arrays.copyOf(original, 12));
            assertThat(Arrays.copyOfRange(buffer, 12, original.length))
                    .as("payload encrypted").isNotEqualTo(Arrays.copyOfRange(original, 12, original.length));
            int length = bobSide.unprotect(buffer, protectedLength);
            assertThat(length).isEqualTo(original.length);
            assertThat(Arrays.copyOf(buffer, length)).isEqualTo(original);
        }
    }

    @Test
    void aWrongKeyATamperedPacketAndAReplayAreRefusedWithTheirReason() {
        SrtpStream sender = new SrtpStream(new SrtpKeys(alice, bob));
        SrtpStream wrongKey = new SrtpStream(new SrtpKeys(bob, SdesCrypto.random(1, SrtpSuite.AES_CM_128_HMAC_SHA1_80)));
        SrtpStream receiver = new SrtpStream(new SrtpKeys(bob, alice));

        byte[] first = protect(sender, 1);
        assertThat(wrongKey.unprotect(first.clone(), first.length)).isEqualTo(-1);
        assertThat(wrongKey.lastFailure()).isEqualTo(SrtpStream.Failure.AUTHENTICATION);

        byte[] tampered = first.clone();
        tampered[20] ^= 1;
        assertThat(receiver.unprotect(tampered, tampered.length)).isEqualTo(-1);
        assertThat(receiver.lastFailure()).isEqualTo(SrtpStream.Failure.AUTHENTICATION);

        assertThat(receiver.unprotect(first.clone(), first.length)).isEqualTo(172);
        assertThat(receiver.unprotect(first.clone(), first.length)).as("the same packet again").isEqualTo(-1);
        assertThat(receiver.lastFailure()).isEqualTo(SrtpStream.Failure.REPLAY);

        assertThat(receiver.unprotect(new byte[8], 8)).isEqualTo(-1);
        assertThat(receiver.lastFailure()).isEqualTo(SrtpStream.Failure.INVALID);
    }

    @Test
    void theShortTagSuiteAddsFourBytes() {
        SdesCrypto a = SdesCrypto.random(2, SrtpSuite.AES_CM_128_HMAC_SHA1_32);
        SdesCrypto b = SdesCrypto.random(2, SrtpSuite.AES_CM_128_HMAC_SHA1_32);
        SrtpStream sender = new SrtpStream(new SrtpKeys(a, b));
        SrtpStream receiver = new SrtpStream(new SrtpKeys(b, a));
        byte[] buffer = Arrays.copyOf(packet(7, (byte) 1), 200);
        int length = sender.protect(buffer, 172);
        assertThat(length).isEqualTo(176);
        assertThat(receiver.unprotect(buffer, length)).isEqualTo(172);
    }

    private static byte[] protect(SrtpStream stream, int sequence) {
        byte[] buffer = Arrays.copyOf(packet(sequence, (byte) 0x33), 300);
        int length = stream.protect(buffer, 172);
        return Arrays.copyOf(buffer, length);
    }

    /** A PCMU packet: version 2, payload type 0, this sequence number, SSRC 0x01020304, 160 bytes of {@code fill}. */
    static byte[] packet(int sequence, byte fill) {
        byte[] packet = new byte[172];
        packet[0] = (byte) 0x80;
        packet[2] = (byte) (sequence >> 8);
        packet[3] = (byte) sequence;
        packet[7] = (byte) (sequence * 160);
        packet[8] = 1;
        packet[9] = 2;
        packet[10] = 3;
        packet[11] = 4;
        Arrays.fill(packet, 12, 172, fill);
        return packet;
    }
}
