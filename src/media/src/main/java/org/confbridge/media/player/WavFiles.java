package org.confbridge.media.player;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.confbridge.media.codec.AudioFrames;

/**
 * Reads WAV files into 16-bit mono samples with {@code javax.sound.sampled}: 8 kHz files with {@link #read},
 * 8 or 16 kHz ones as a clip with {@link #readClip}. Other sample sizes or byte orders are converted by
 * javax.sound; other rates or channel counts are refused with a message saying what was found (uploads are
 * converted to 8 or 16 kHz mono before they get here).
 */
public final class WavFiles {
    /** The one format the engine plays: 8 kHz, 16-bit signed, mono, little-endian. */
    public static final AudioFormat PCM_8K_MONO = new AudioFormat(AudioFrames.SAMPLE_RATE, 16, 1, true, false);

    private WavFiles() {
    }

    /** The one wideband format the engine plays: 16 kHz, 16-bit signed, mono, little-endian. */
    public static final AudioFormat PCM_16K_MONO = new AudioFormat(AudioFrames.WIDEBAND_SAMPLE_RATE, 16, 1, true, false);

    /** An 8 or 16 kHz mono WAV file as a clip (kept at its own rate, converted once to the other). */
    public static PcmClip readClip(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return readClip(in, file.toString());
        }
    }

    /** Reads a whole 8 or 16 kHz mono WAV stream as a clip; {@code name} only labels error messages. */
    public static PcmClip readClip(InputStream in, String name) throws IOException {
        try (AudioInputStream source = AudioSystem.getAudioInputStream(in)) {
            AudioFormat format = source.getFormat();
            AudioFormat wanted = format.getSampleRate() == AudioFrames.WIDEBAND_SAMPLE_RATE ? PCM_16K_MONO : PCM_8K_MONO;
            if (format.getSampleRate() != wanted.getSampleRate() || format.getChannels() != 1) {
                throw new IOException(name + ": expected 8000 or 16000 Hz mono, found " + format);
            }
            AudioInputStream pcm = format.matches(wanted) ? source : AudioSystem.getAudioInputStream(wanted, source);
            return new PcmClip(toSamples(pcm.readAllBytes()), (int) wanted.getSampleRate());
        } catch (UnsupportedAudioFileException | IllegalArgumentException e) {
            throw new IOException(name + ": not a readable WAV file (" + e.getMessage() + ")", e);
        }
    }

    public static short[] read(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return read(in, file.toString());
        }
    }

    /** Reads a whole WAV stream; {@code name} only labels error messages. */
    public static short[] read(InputStream in, String name) throws IOException {
        try (AudioInputStream source = AudioSystem.getAudioInputStream(in)) {
            AudioFormat format = source.getFormat();
            if (format.getSampleRate() != AudioFrames.SAMPLE_RATE || format.getChannels() != 1) {
                throw new IOException(name + ": expected 8000 Hz mono, found " + format);
            }
            AudioInputStream pcm = format.matches(PCM_8K_MONO) ? source
                    : AudioSystem.getAudioInputStream(PCM_8K_MONO, source);
            return toSamples(pcm.readAllBytes());
        } catch (UnsupportedAudioFileException | IllegalArgumentException e) {
            throw new IOException(name + ": not a readable WAV file (" + e.getMessage() + ")", e);
        }
    }

    private static short[] toSamples(byte[] bytes) {
        short[] samples = new short[bytes.length / 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) ((bytes[2 * i] & 0xFF) | (bytes[2 * i + 1] << 8));
        }
        return samples;
    }

    /** Little-endian bytes of {@code samples}, as WAV stores them. */
    public static byte[] toBytes(short[] samples) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(samples.length * 2);
        for (short sample : samples) {
            out.write(sample & 0xFF);
            out.write((sample >> 8) & 0xFF);
        }
        return out.toByteArray();
    }
}
