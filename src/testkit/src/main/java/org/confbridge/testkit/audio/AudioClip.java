package org.confbridge.testkit.audio;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * An immutable piece of mono 16-bit PCM with its sample rate, and the measurements tests ask of it.
 */
public final class AudioClip {

    private final short[] samples;
    private final int sampleRate;

    public AudioClip(short[] samples, int sampleRate) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
        this.samples = samples.clone();
        this.sampleRate = sampleRate;
    }

    public static AudioClip empty(int sampleRate) {
        return new AudioClip(new short[0], sampleRate);
    }

    /** A copy of the samples. */
    public short[] samples() {
        return samples.clone();
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int length() {
        return samples.length;
    }

    public Duration duration() {
        return Duration.ofNanos(samples.length * 1_000_000_000L / sampleRate);
    }

    public boolean isEmpty() {
        return samples.length == 0;
    }

    /** Level of the sine at {@code freqHz} in dBFS (see {@link ToneAnalysis}); silence when empty. */
    public double toneLevelDbfs(double freqHz) {
        return isEmpty() ? ToneAnalysis.SILENCE_DBFS
                : ToneAnalysis.toneLevelDbfs(samples, 0, samples.length, sampleRate, freqHz);
    }

    /** Share of the clip's power carried by the tone at {@code freqHz}, 0..1. */
    public double toneRatio(double freqHz) {
        return isEmpty() ? 0 : ToneAnalysis.toneRatio(samples, 0, samples.length, sampleRate, freqHz);
    }

    /** RMS in sample units. */
    public double rms() {
        return ToneAnalysis.rms(samples, 0, samples.length);
    }

    /** RMS in dBFS. */
    public double rmsDbfs() {
        return ToneAnalysis.rmsDbfs(samples, 0, samples.length);
    }

    /** The sub-clip from {@code start} (inclusive) for {@code length}, clamped to the clip. */
    public AudioClip slice(Duration start, Duration length) {
        int from = clamp(toSamples(start));
        int to = clamp(from + toSamples(length));
        return new AudioClip(Arrays.copyOfRange(samples, from, to), sampleRate);
    }

    /**
     * True when some window of {@code window} length (stepped by half a window) has the tone at or
     * above {@code minDbfs}: "is the tone present somewhere in this clip".
     */
    public boolean containsTone(double freqHz, double minDbfs, Duration window) {
        int n = Math.max(2, toSamples(window));
        if (samples.length < n) {
            return toneLevelDbfs(freqHz) >= minDbfs;
        }
        for (int from = 0; from + n <= samples.length; from += Math.max(1, n / 2)) {
            if (ToneAnalysis.toneLevelDbfs(samples, from, from + n, sampleRate, freqHz) >= minDbfs) {
                return true;
            }
        }
        return false;
    }

    /** Writes the clip as a 16-bit little-endian mono WAV file (for debugging or as a test fixture). */
    public void writeWav(Path file) {
        byte[] bytes = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            bytes[2 * i] = (byte) samples[i];
            bytes[2 * i + 1] = (byte) (samples[i] >> 8);
        }
        AudioFormat format = new AudioFormat(sampleRate, 16, 1, true, false);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(bytes), format, samples.length),
                    AudioFileFormat.Type.WAVE, file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private int toSamples(Duration d) {
        return (int) (d.toNanos() * sampleRate / 1_000_000_000L);
    }

    private int clamp(int index) {
        return Math.max(0, Math.min(samples.length, index));
    }

    @Override
    public String toString() {
        return "AudioClip[" + samples.length + " samples @" + sampleRate + " Hz]";
    }
}
