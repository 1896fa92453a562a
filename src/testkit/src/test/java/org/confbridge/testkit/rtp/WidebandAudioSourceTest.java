package org.confbridge.testkit.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.confbridge.testkit.audio.ToneAnalysis;
import org.junit.jupiter.api.Test;

/** Audio sources at 16 kHz: tones made at the codec's rate, out-of-band tones left out, PCM at its own rate. */
class WidebandAudioSourceTest {

    @Test
    void aToneIsMadeAtTheRateAskedForWithItsPhaseKept() {
        AudioSource tone = AudioSource.tone(6000, -20);
        assertThat(tone.makes(16000)).isTrue();
        short[] pcm = new short[3200];
        short[] frame = new short[320];
        for (int f = 0; f < 10; f++) {
            tone.fill(frame, 16000);
            System.arraycopy(frame, 0, pcm, f * 320, 320);
        }
        assertThat(ToneAnalysis.toneLevelDbfs(pcm, 0, pcm.length, 16000, 6000)).isBetween(-20.2, -19.8);
        assertThat(ToneAnalysis.toneRatio(pcm, 0, pcm.length, 16000, 6000)).isGreaterThan(0.99);
    }

    @Test
    void aToneAboveTheBandIsNotSentAt8kHz() {
        AudioSource both = AudioSource.tones(-20, 1000, 6000);
        short[] frame = new short[160];
        both.fill(frame);
        assertThat(ToneAnalysis.toneRatio(frame, 0, 160, 8000, 1000)).isGreaterThan(0.95);
        assertThatThrownBy(() -> AudioSource.tone(8000, -20)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("8000");
    }

    @Test
    void sixteenKilohertzPcmIsMadeOnlyAtItsRate() {
        AudioSource pcm = AudioSource.pcm(new short[] {1, 2, 3, 4}, 16000, true);
        assertThat(pcm.makes(16000)).isTrue();
        assertThat(pcm.makes(8000)).isFalse();
        short[] frame = new short[6];
        pcm.fill(frame, 16000);
        assertThat(frame).containsExactly(1, 2, 3, 4, 1, 2);
        assertThatThrownBy(() -> pcm.fill(new short[160])).isInstanceOf(UnsupportedOperationException.class);
        assertThat(AudioSource.pcm(new short[1], true).makes(16000)).isFalse();
    }
}
