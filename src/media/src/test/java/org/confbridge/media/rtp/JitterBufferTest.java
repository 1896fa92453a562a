package org.confbridge.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.confbridge.media.codec.G711Codec;
import org.confbridge.media.codec.MuLawCodec;
import org.confbridge.media.rtp.JitterBuffer.FrameKind;
import org.junit.jupiter.api.Test;

class JitterBufferTest {
    private static final G711Codec CODEC = MuLawCodec.INSTANCE;
    private final JitterBuffer buffer = new JitterBuffer(2);
    private final short[] out = new short[160];

    @Test
    void nothingReceivedIsSilence() {
        assertThat(buffer.read(out)).isEqualTo(FrameKind.SILENCE);
        assertThat(out).containsOnly((short) 0);
    }

    @Test
    void reorderedPacketsPlayInTimestampOrderAfterTheDepth() {
        put(1000, 10);
        put(1320, 30); // arrives before 1160
        put(1160, 20);

        assertThat(buffer.read(out)).isEqualTo(FrameKind.SILENCE); // depth: two frames of delay
        buffer.read(out);
        assertThat(level(readAudio())).isEqualTo(level(10));
        assertThat(level(readAudio())).isEqualTo(level(20));
        assertThat(level(readAudio())).isEqualTo(level(30));
    }

    @Test
    void lostFrameIsConcealedByTheLastFrameAttenuatedThenSilence() {
        put(0, 40);
        buffer.read(out);
        buffer.read(out);
        readAudio();
        assertThat(buffer.read(out)).isEqualTo(FrameKind.CONCEALED);
        int first = Math.abs(out[5]);
        assertThat(first).isBetween(level(40) * 100 / 2 - 100, level(40) * 100 / 2 + 100);
        assertThat(buffer.read(out)).isEqualTo(FrameKind.CONCEALED);
        assertThat(buffer.read(out)).isEqualTo(FrameKind.CONCEALED);
        assertThat(buffer.read(out)).isEqualTo(FrameKind.SILENCE);
        assertThat(buffer.concealedFrames()).isEqualTo(3);
    }

    @Test
    void packetAfterItsPlayoutTimeIsCountedLate() {
        put(0, 10);
        for (int i = 0; i < 4; i++) {
            buffer.read(out);
        }
        put(160, 20); // its slot was played two reads ago

        assertThat(buffer.latePackets()).isEqualTo(1);
    }

    @Test
    void thirtyMillisecondPacketsFeedTwentyMillisecondFrames() {
        for (int p = 0; p < 4; p++) {
            put(p * 240, 240, 50); // 4 x 30 ms = 120 ms
        }
        buffer.read(out);
        buffer.read(out);
        int audio = 0;
        for (int i = 0; i < 6; i++) {
            if (buffer.read(out) == FrameKind.AUDIO && out[159] != 0) {
                audio++;
            }
        }
        assertThat(audio).isEqualTo(6);
    }

    @Test
    void persistentBacklogIsTrimmedToBoundTheDelay() {
        for (int p = 0; p < 10; p++) {
            put(p * 160L, 10); // a 200 ms burst, then the sender goes on at the normal pace
        }
        int discardedBefore = (int) buffer.discardedFrames();
        for (int t = 0; t < 40; t++) {
            put((10 + t) * 160L, 10);
            buffer.read(out);
        }
        assertThat(discardedBefore).isZero();
        assertThat(buffer.discardedFrames()).isGreaterThan(0);
    }

    @Test
    void timestampJumpRestartsTheTimeline() {
        put(0, 10);
        put(1_000_000, 60);
        buffer.read(out);
        buffer.read(out);
        assertThat(readAudio()[80]).isCloseTo((short) 6000, org.assertj.core.api.Assertions.within((short) 200));
        assertThat(buffer.resyncs()).isEqualTo(1);
    }

    private short[] readAudio() {
        assertThat(buffer.read(out)).isEqualTo(FrameKind.AUDIO);
        return out.clone();
    }

    private void put(long timestamp, int value) {
        put(timestamp, 160, value);
    }

    private void put(long timestamp, int samples, int value) {
        byte[] payload = new byte[samples];
        short[] pcm = new short[samples];
        java.util.Arrays.fill(pcm, (short) (value * 100));
        CODEC.encode(pcm, 0, samples, payload, 0);
        buffer.put(payload, samples, timestamp, 7, CODEC);
    }

    private static int level(short[] frame) {
        return Math.round(frame[80] / 100f);
    }

    private static int level(int value) {
        return value;
    }
}
