package org.confbridge.testkit.audio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/** Reads WAV files (any channel count; PCM, u-law or A-law) into one {@link AudioClip} per channel. */
public final class WavFiles {

    private WavFiles() {
    }

    /**
     * The channels of a WAV file as 16-bit clips: index 0 is the left (or only) channel. Encoded files are
     * converted by javax.sound, so a G.711 WAV reads the same as a linear one.
     */
    public static List<AudioClip> readChannels(Path file) {
        try (AudioInputStream original = AudioSystem.getAudioInputStream(file.toFile())) {
            AudioFormat in = original.getFormat();
            AudioFormat pcm16 = new AudioFormat(in.getSampleRate(), 16, in.getChannels(), true, false);
            try (AudioInputStream converted = in.matches(pcm16) ? original
                    : AudioSystem.getAudioInputStream(pcm16, original)) {
                return split(converted.readAllBytes(), in.getChannels(), Math.round(in.getSampleRate()));
            }
        } catch (UnsupportedAudioFileException e) {
            throw new IllegalArgumentException("not a readable WAV file: " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The single channel of a mono WAV file; a clear error for a stereo one. */
    public static AudioClip readMono(Path file) {
        List<AudioClip> channels = readChannels(file);
        if (channels.size() != 1) {
            throw new IllegalArgumentException(file + " has " + channels.size() + " channels, expected 1");
        }
        return channels.get(0);
    }

    private static List<AudioClip> split(byte[] interleaved, int channels, int sampleRate) {
        int frames = interleaved.length / (2 * channels);
        List<AudioClip> clips = new ArrayList<>(channels);
        for (int c = 0; c < channels; c++) {
            short[] samples = new short[frames];
            for (int f = 0; f < frames; f++) {
                int at = (f * channels + c) * 2;
                samples[f] = (short) ((interleaved[at] & 0xff) | (interleaved[at + 1] << 8));
            }
            clips.add(new AudioClip(samples, sampleRate));
        }
        return clips;
    }
}
