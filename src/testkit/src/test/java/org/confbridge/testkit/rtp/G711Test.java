package org.confbridge.testkit.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The JDK-backed G.711 tables against values from ITU-T G.711 and round-trip accuracy. */
class G711Test {

    @Test
    void knownCodesDecodeToTheStandardValues() {
        assertThat(G711.ULAW.decode((byte) 0xFF)).isEqualTo((short) 0);
        assertThat(G711.ULAW.decode((byte) 0x80)).isEqualTo((short) 32124);
        assertThat(G711.ULAW.decode((byte) 0x00)).isEqualTo((short) -32124);
        assertThat(G711.ALAW.decode((byte) 0xD5)).isEqualTo((short) 8);
        assertThat(G711.ALAW.decode((byte) 0x55)).isEqualTo((short) -8);
        assertThat(G711.ULAW.encode((short) 0)).isEqualTo((byte) 0xFF);
        assertThat(G711.ALAW.encode((short) 0)).isEqualTo((byte) 0xD5);
        assertThat(G711.ALAW.encode((short) -3)).as("the JDK's own encoder gets this wrong").isEqualTo((byte) 0x55);
        assertThat(G711.ULAW.encode((short) 32767)).isEqualTo((byte) 0x80);
        assertThat(G711.ULAW.encode((short) -32768)).isEqualTo((byte) 0x00);
    }

    @Test
    void roundTripErrorStaysWithinTheCompandingStep() {
        for (G711 codec : new G711[] {G711.ULAW, G711.ALAW}) {
            for (int v = -32000; v <= 32000; v += 7) {
                short back = codec.decode(codec.encode((short) v));
                // logarithmic quantiser: error under ~3.2% of the value plus the smallest step
                assertThat(Math.abs(back - v)).as("%d via %s", v, codec == G711.ULAW ? "u-law" : "A-law")
                        .isLessThanOrEqualTo((int) (Math.abs(v) * 0.032) + 16);
            }
        }
    }

    @Test
    void onlyStaticG711PayloadTypesHaveACodec() {
        assertThat(G711.forPayloadType(0)).isSameAs(G711.ULAW);
        assertThat(G711.forPayloadType(8)).isSameAs(G711.ALAW);
        assertThat(G711.forPayloadType(18)).isNull();
    }
}
