package org.confbridge.media.dtmf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InbandDtmfDetectorTest {
    private final List<Character> digits = new ArrayList<>();
    private final InbandDtmfDetector detector = new InbandDtmfDetector(digits::add);
    private int sample;

    @Test
    void keyTonesAreDetectedOncePerPress() {
        press(852, 1477, 4); // '9' for 80 ms
        gap(3);
        press(941, 1336, 4); // '0'
        gap(3);
        press(941, 1336, 4); // '0' again

        assertThat(digits).containsExactly('9', '0', '0');
    }

    @Test
    void aSinglePureToneOrVeryShortBurstIsNoKey() {
        for (int i = 0; i < 10; i++) {
            detector.onFrame(frame(1000, 0, 8000));
        }
        press(697, 1209, 1); // 20 ms: shorter than the 40 ms minimum

        assertThat(digits).isEmpty();
    }

    private void press(double low, double high, int frames) {
        for (int i = 0; i < frames; i++) {
            detector.onFrame(frame(low, high, 5000));
        }
    }

    private void gap(int frames) {
        for (int i = 0; i < frames; i++) {
            detector.onFrame(new short[160]);
        }
    }

    private short[] frame(double low, double high, double amplitude) {
        short[] frame = new short[160];
        for (int i = 0; i < 160; i++, sample++) {
            double value = Math.sin(2 * Math.PI * low * sample / 8000);
            if (high > 0) {
                value += Math.sin(2 * Math.PI * high * sample / 8000);
            }
            frame[i] = (short) Math.round(amplitude * value / (high > 0 ? 2 : 1));
        }
        return frame;
    }
}
