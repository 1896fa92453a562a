package org.confbridge.media.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.confbridge.media.sdp.AudioCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class G711FrameCodecTest {

    @ParameterizedTest
    @EnumSource(AudioCodec.class)
    void aFrameIs160SamplesAnd160BytesThroughTheSharedTables(AudioCodec codec) {
        G711FrameCodec adapter;
        try {
            adapter = G711FrameCodec.of(codec);
        } catch (IllegalArgumentException notG711) {
            return; // codecs added to the SDP enum later (wideband) are not G.711
        }
        G711Codec g711 = G711Codec.of(codec);
        assertThat(adapter.pcmRate()).isEqualTo(8000);
        short[] pcm = CodecSignals.tone(1000, 8000, 12000, 160);
        byte[] payload = new byte[200];
        assertThat(adapter.encode(pcm, payload)).isEqualTo(160);
        for (int i = 0; i < 160; i++) {
            assertThat(payload[i]).isEqualTo(g711.encode(pcm[i]));
        }
        short[] decoded = new short[200];
        assertThat(adapter.decode(payload, 0, 160, decoded)).isEqualTo(160);
        for (int i = 0; i < 160; i++) {
            assertThat(decoded[i]).isEqualTo(g711.decode(payload[i]));
        }
    }

    @Test
    void anyLengthDecodesOneSamplePerByteAndTooLongIsRefused() {
        G711FrameCodec pcmu = G711FrameCodec.of(AudioCodec.PCMU);
        byte[] payload = new byte[400];
        short[] pcm = new short[320];
        assertThat(pcmu.decode(payload, 10, 80, pcm)).isEqualTo(80);
        assertThat(pcmu.decode(payload, 0, 320, pcm)).isEqualTo(320);
        assertThat(pcmu.decode(payload, 0, 321, pcm)).isEqualTo(-1);
    }

    @Test
    void concealmentIsSilence() {
        short[] pcm = new short[160];
        java.util.Arrays.fill(pcm, (short) 1234);
        assertThat(G711FrameCodec.of(AudioCodec.PCMA).conceal(pcm)).isEqualTo(160);
        assertThat(pcm).containsOnly((short) 0);
    }

    @Test
    void onlyG711CodecsHaveAnAdapter() {
        assertThat(G711FrameCodec.of(AudioCodec.PCMU).codec()).isSameAs(MuLawCodec.INSTANCE);
        assertThat(G711FrameCodec.of(AudioCodec.PCMA).codec()).isSameAs(ALawCodec.INSTANCE);
        assertThatThrownBy(() -> G711FrameCodec.of(null)).isInstanceOf(NullPointerException.class);
    }
}
