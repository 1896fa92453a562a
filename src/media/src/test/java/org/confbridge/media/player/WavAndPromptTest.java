package org.confbridge.media.player;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavAndPromptTest {
    @TempDir
    Path dir;

    @Test
    void builtInPromptsLoadFromTheClasspath() throws IOException {
        PromptLibrary library = new PromptLibrary(getClass().getClassLoader());

        PcmClip prompt = library.get("pin_request");

        assertThat(prompt.length()).isGreaterThan(8000); // over a second of speech
        assertThat(library.get("pin_request")).isSameAs(prompt);
    }

    @Test
    void missingPromptIsAClearError() {
        PromptLibrary library = new PromptLibrary(getClass().getClassLoader());

        assertThatThrownBy(() -> library.get("nope")).isInstanceOf(IOException.class).hasMessageContaining("'nope'");
    }

    @Test
    void wavInTheEngineFormatReadsBackSampleExact() throws Exception {
        short[] samples = {0, 1000, -1000, Short.MAX_VALUE, Short.MIN_VALUE};
        Path file = write(WavFiles.PCM_8K_MONO, WavFiles.toBytes(samples));

        assertThat(WavFiles.read(file)).containsExactly(samples);
    }

    @Test
    void wrongRateIsRefusedWithWhatWasFound() throws Exception {
        Path file = write(new AudioFormat(16000, 16, 1, true, false), new byte[320]);

        assertThatThrownBy(() -> WavFiles.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("expected 8000 Hz mono").hasMessageContaining("16000");
    }

    @Test
    void notAWavFileIsRefused() throws Exception {
        Path file = dir.resolve("junk.wav");
        Files.writeString(file, "not audio at all");

        assertThatThrownBy(() -> WavFiles.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("not a readable WAV");
    }

    private Path write(AudioFormat format, byte[] data) throws IOException {
        Path file = dir.resolve("t" + System.nanoTime() + ".wav");
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(data), format,
                data.length / format.getFrameSize())) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
        return file;
    }
}
