package org.confbridge.app.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TelephonyPcmTest {

    private final TelephonyPcm converter = new TelephonyPcm();

    @ParameterizedTest(name = "{0} Hz {1}-bit {2} ch")
    @CsvSource({"8000,16,1", "44100,16,2", "48000,24,1", "22050,8,2", "16000,24,2", "11025,8,1"})
    void convertsPcmWavOfAnyRateSizeAndChannelsToMono16At8or16k(int rate, int bits, int channels) throws Exception {
        TelephonyPcm.Converted out = converter.convert(TestAudio.sineWav(1000, rate, bits, channels, 1.0));

        int expectedRate = rate >= 16000 ? 16000 : 8000; // wideband sources stay wideband, the rest is telephony
        assertThat(out.format()).isEqualTo("wav");
        assertThat(out.sampleRate()).isEqualTo(expectedRate);
        assertThat(out.pcm().length / 2).isBetween(expectedRate - 10, expectedRate); // one second
        assertThat(out.durationMs()).isBetween(998L, 1000L);
        // The 1 kHz tone survives with its amplitude (0.5) in the middle of the file.
        assertThat(TestAudio.toneAmplitude(out.pcm(), expectedRate, 1000, expectedRate / 8, expectedRate * 7 / 8))
                .isCloseTo(0.5, within(0.03));
    }

    @Test
    void downsamplingRemovesToneAboveTheNewNyquistInsteadOfAliasingIt() throws Exception {
        // 5 kHz cannot exist at 8 kHz; dropping samples would fold it to 3 kHz at full strength.
        TelephonyPcm.Converted narrow = converter.convert(TestAudio.sineWav(5000, 11025, 16, 1, 1.0));
        assertThat(narrow.sampleRate()).isEqualTo(8000);
        assertThat(TestAudio.toneAmplitude(narrow.pcm(), 3000, 1000, 7000)).isLessThan(0.005);
        assertThat(TestAudio.rms(narrow.pcm(), 1000, 7000)).isLessThan(0.005);

        // 10 kHz cannot exist at 16 kHz (it would fold to 6 kHz)
        TelephonyPcm.Converted wide = converter.convert(TestAudio.sineWav(10000, 48000, 16, 1, 1.0));
        assertThat(wide.sampleRate()).isEqualTo(16000);
        assertThat(TestAudio.toneAmplitude(wide.pcm(), 16000, 6000, 2000, 14000)).isLessThan(0.005);
        assertThat(TestAudio.rms(wide.pcm(), 2000, 14000)).isLessThan(0.005);
    }

    @Test
    void aWidebandUploadKeepsItsHighFrequencies() throws Exception {
        TelephonyPcm.Converted out = converter.convert(TestAudio.sineWav(6000, 48000, 16, 1, 1.0));

        assertThat(out.sampleRate()).isEqualTo(16000);
        assertThat(TestAudio.toneAmplitude(out.pcm(), 16000, 6000, 2000, 14000)).isCloseTo(0.5, within(0.03));
    }

    @Test
    void upsamplingKeepsTheTone() throws Exception {
        TelephonyPcm.Converted out = converter.convert(TestAudio.sineWav(500, 4000, 16, 1, 1.0));

        assertThat(TestAudio.toneAmplitude(out.pcm(), 500, 1000, 7000)).isCloseTo(0.5, within(0.03));
    }

    @Test
    void floatingPointWavIsRefusedWithAClearReason() {
        assertThatThrownBy(() -> converter.convert(TestAudio.floatWav(8000, 0.2)))
                .isInstanceOf(UnsupportedAudioException.class)
                .hasMessageContaining("floating-point WAV");
    }

    @Test
    void wavWithoutFormatHeaderIsRefused() {
        byte[] wav = TestAudio.sineWav(440, 8000, 16, 1, 0.1);
        // Keep RIFF/WAVE but rename the 'fmt ' chunk so no format header is found.
        byte[] broken = Arrays.copyOf(wav, wav.length);
        broken[12] = 'j';
        broken[13] = 'u';
        broken[14] = 'n';
        broken[15] = 'k';
        assertThatThrownBy(() -> converter.convert(broken))
                .isInstanceOf(UnsupportedAudioException.class)
                .hasMessageContaining("no format header");
    }

    @Test
    void headerlessPcmAndTextAreNotAudio() {
        byte[] raw = Arrays.copyOfRange(TestAudio.sineWav(440, 8000, 16, 1, 0.1), 44, 800);
        assertThatThrownBy(() -> converter.convert(raw))
                .isInstanceOf(UnsupportedAudioException.class)
                .hasMessageContaining("neither a WAV");
        assertThatThrownBy(() -> converter.convert("hello, this is text".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(UnsupportedAudioException.class)
                .hasMessageContaining("neither a WAV");
    }

    @Test
    void convertedPcmWrapsIntoAPlayableWav() throws Exception {
        TelephonyPcm.Converted out = converter.convert(TestAudio.sineWav(1000, 16000, 16, 1, 0.5));
        DecodedAudio again = new AudioDecoder().decode(TelephonyPcm.toWav(out.pcm(), out.sampleRate()));

        assertThat(again.sampleRate()).isEqualTo(16000);
        assertThat(again.samples()).hasSize(out.pcm().length / 2);
    }

    @Test
    void decodesMp3ThroughTheJavaxSoundSpi() throws Exception {
        byte[] mp3;
        try (var in = getClass().getResourceAsStream("/audio/tone-1khz-44k1-stereo.mp3")) {
            mp3 = in.readAllBytes();
        }
        TelephonyPcm.Converted out = converter.convert(mp3);

        assertThat(out.format()).isEqualTo("mp3");
        assertThat(out.durationMs()).isBetween(950L, 1150L); // encoder padding adds a few ms
        assertThat(out.sampleRate()).isEqualTo(16000);
        assertThat(TestAudio.toneAmplitude(out.pcm(), 16000, 1000, 4000, 12000)).isCloseTo(0.5, within(0.05));
    }
}
