package org.confbridge.testkit.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.confbridge.testkit.rtp.AudioSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Goertzel tone levels, RMS and WAV I/O on generated PCM. */
class ToneAnalysisTest {

    private static short[] generate(AudioSource source, int samples) {
        short[] out = new short[samples];
        source.fill(out);
        return out;
    }

    @Test
    void toneLevelMatchesTheGeneratedLevel() {
        short[] pcm = generate(AudioSource.tone(440, -20), 1600);
        assertThat(ToneAnalysis.toneLevelDbfs(pcm, 0, pcm.length, 8000, 440)).isCloseTo(-20, within(0.3));
        assertThat(ToneAnalysis.rmsDbfs(pcm, 0, pcm.length)).isCloseTo(-23.01, within(0.3));
        assertThat(ToneAnalysis.toneRatio(pcm, 0, pcm.length, 8000, 440)).isGreaterThan(0.95);
    }

    @Test
    void tonesAHundredHertzApartAreSeparated() {
        short[] pcm = generate(AudioSource.tones(-20, 400, 600), 1600);
        assertThat(ToneAnalysis.toneLevelDbfs(pcm, 0, pcm.length, 8000, 400)).isCloseTo(-20, within(0.5));
        assertThat(ToneAnalysis.toneLevelDbfs(pcm, 0, pcm.length, 8000, 600)).isCloseTo(-20, within(0.5));
        assertThat(ToneAnalysis.toneLevelDbfs(pcm, 0, pcm.length, 8000, 500)).isLessThan(-50);
        assertThat(ToneAnalysis.toneRatio(pcm, 0, pcm.length, 8000, 400)).isCloseTo(0.5, within(0.05));
    }

    @Test
    void silenceHasTheFloorLevel() {
        short[] pcm = new short[800];
        assertThat(ToneAnalysis.toneLevelDbfs(pcm, 0, pcm.length, 8000, 1000)).isEqualTo(ToneAnalysis.SILENCE_DBFS);
        assertThat(ToneAnalysis.rmsDbfs(pcm, 0, pcm.length)).isEqualTo(ToneAnalysis.SILENCE_DBFS);
    }

    @Test
    void containsToneFindsAShortToneInsideSilence() {
        short[] pcm = new short[8000];
        short[] beep = generate(AudioSource.tone(1000, -10), 1600);
        System.arraycopy(beep, 0, pcm, 4000, beep.length);
        AudioClip clip = new AudioClip(pcm, 8000);
        assertThat(clip.containsTone(1000, -20, Duration.ofMillis(100))).isTrue();
        assertThat(clip.slice(Duration.ZERO, Duration.ofMillis(450)).containsTone(1000, -40, Duration.ofMillis(100)))
                .isFalse();
    }

    @Test
    void badArgumentsAreClearErrors() {
        short[] pcm = new short[10];
        assertThatThrownBy(() -> ToneAnalysis.toneAmplitude(pcm, 0, 10, 8000, 5000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5000");
        assertThatThrownBy(() -> ToneAnalysis.rms(pcm, 5, 20)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AudioSource.tone(440, 0.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clip");
    }

    @Test
    void wavRoundTripKeepsTheTone(@TempDir Path dir) {
        AudioClip clip = new AudioClip(generate(AudioSource.tone(700, -12), 4000), 8000);
        Path file = dir.resolve("tone.wav");
        clip.writeWav(file);
        AudioClip back = WavFiles.readMono(file);
        assertThat(back.length()).isEqualTo(4000);
        assertThat(back.toneLevelDbfs(700)).isCloseTo(-12, within(0.2));
        List<AudioClip> channels = WavFiles.readChannels(file);
        assertThat(channels).hasSize(1);
    }

    @Test
    void notAWavFileIsAClearError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("junk.wav");
        java.nio.file.Files.writeString(file, "not audio");
        assertThatThrownBy(() -> WavFiles.readChannels(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("junk.wav");
    }
}
