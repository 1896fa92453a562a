package org.confbridge.media.mixer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TalkDetectorTest {
    private final TalkDetector detector = new TalkDetector(1000, 3);

    @Test
    void startsAtOnceAndEndsOnlyAfterTheHangTime() {
        assertThat(detector.onFrame(frame(100), 160)).isTrue();
        assertThat(detector.talking()).isTrue();
        assertThat(detector.onFrame(frame(0), 160)).isFalse();
        assertThat(detector.onFrame(frame(0), 160)).isFalse();
        assertThat(detector.onFrame(frame(100), 160)).isFalse(); // a word after a short pause
        assertThat(detector.onSilence()).isFalse();
        assertThat(detector.onSilence()).isFalse();
        assertThat(detector.onSilence()).isTrue();
        assertThat(detector.talking()).isFalse();
    }

    @Test
    void quietLineNoiseIsNotTalking() {
        for (int i = 0; i < 10; i++) {
            assertThat(detector.onFrame(frame(20), 160)).isFalse();
        }
    }

    private static short[] frame(int value) {
        short[] frame = new short[160];
        Arrays.fill(frame, (short) value);
        return frame;
    }
}
