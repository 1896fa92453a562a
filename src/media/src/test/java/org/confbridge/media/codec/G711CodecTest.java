package org.confbridge.media.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.confbridge.media.sdp.AudioCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class G711CodecTest {

    @Test
    void silenceEncodesToTheWellKnownIdleBytes() {
        assertThat(MuLawCodec.INSTANCE.encode((short) 0)).isEqualTo((byte) 0xFF);
        assertThat(ALawCodec.INSTANCE.encode((short) 0)).isEqualTo((byte) 0xD5);
        assertThat(MuLawCodec.INSTANCE.decode((byte) 0xFF)).isZero();
        assertThat(Math.abs(ALawCodec.INSTANCE.decode((byte) 0xD5))).isLessThanOrEqualTo((short) 8);
    }

    @Test
    void referenceValuesFromTheG711Tables() {
        // mu-law: full-scale positive is 0x80, full-scale negative 0x00 (decoding to +-32124)
        assertThat(MuLawCodec.INSTANCE.encode(Short.MAX_VALUE)).isEqualTo((byte) 0x80);
        assertThat(MuLawCodec.INSTANCE.encode(Short.MIN_VALUE)).isEqualTo((byte) 0x00);
        assertThat(MuLawCodec.INSTANCE.decode((byte) 0x80)).isEqualTo((short) 32124);
        assertThat(MuLawCodec.INSTANCE.decode((byte) 0x00)).isEqualTo((short) -32124);
        // A-law: full scale is 0xAA / 0x2A, decoding to +-32256
        assertThat(ALawCodec.INSTANCE.encode(Short.MAX_VALUE)).isEqualTo((byte) 0xAA);
        assertThat(ALawCodec.INSTANCE.decode((byte) 0xAA)).isEqualTo((short) 32256);
        assertThat(ALawCodec.INSTANCE.decode((byte) 0x2A)).isEqualTo((short) -32256);
    }

    @ParameterizedTest
    @EnumSource(value = AudioCodec.class, names = {"PCMU", "PCMA"})
    void roundTripErrorStaysWithinTheLogarithmicStep(AudioCodec codec) {
        G711Codec g711 = G711Codec.of(codec);
        short[] pcm = new short[65536];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) (i - 32768);
        }
        byte[] encoded = new byte[pcm.length];
        short[] decoded = new short[pcm.length];
        g711.encode(pcm, 0, pcm.length, encoded, 0);
        g711.decode(encoded, 0, encoded.length, decoded, 0);
        for (int i = 0; i < pcm.length; i++) {
            int error = Math.abs(pcm[i] - decoded[i]);
            // G.711 keeps about 4 significant bits: the error is under 1/16 of the value, or small near zero
            assertThat(error).as("sample %d", pcm[i]).isLessThanOrEqualTo(Math.max(16, Math.abs(pcm[i]) / 16 + 1));
        }
    }

    @ParameterizedTest
    @EnumSource(value = AudioCodec.class, names = {"PCMU", "PCMA"})
    void everyByteDecodesAndReEncodesToItself(AudioCodec codec) {
        TableCodec g711 = (TableCodec) G711Codec.of(codec);
        for (int value = 0; value < 256; value++) {
            short decoded = g711.decode((byte) value);
            byte again = g711.encode(decoded);
            // mu-law has two codes for zero (0x7F, 0xFF); every other code is its own fixed point
            if (!(codec == AudioCodec.PCMU && value == 0x7F)) {
                assertThat(again & 0xFF).as("code %02x", value).isEqualTo(value);
            }
        }
    }
}
