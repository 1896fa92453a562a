package org.confbridge.app.audio;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Makes test WAV files with javax.sound: sine tones at any rate, size and channel count. */
public final class TestAudio {

    private TestAudio() {
    }

    /** A PCM WAV of a sine tone (amplitude 0.5) on every channel. */
    public static byte[] sineWav(double hz, int rate, int bits, int channels, double seconds) {
        int frames = (int) (rate * seconds);
        int bytesPerSample = bits / 8;
        ByteBuffer buf = ByteBuffer.allocate(frames * channels * bytesPerSample).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            double v = 0.5 * Math.sin(2 * Math.PI * hz * i / rate);
            for (int c = 0; c < channels; c++) {
                if (bits == 8) {
                    buf.put((byte) (Math.round(v * 127) + 128));
                } else {
                    int s = (int) Math.round(v * ((1 << (bits - 1)) - 1));
                    for (int k = 0; k < bytesPerSample; k++) {
                        buf.put((byte) (s >> (8 * k)));
                    }
                }
            }
        }
        AudioFormat format = new AudioFormat(bits == 8 ? AudioFormat.Encoding.PCM_UNSIGNED
                : AudioFormat.Encoding.PCM_SIGNED, rate, bits, channels, channels * bytesPerSample, rate, false);
        return write(new AudioInputStream(new ByteArrayInputStream(buf.array()), format, frames));
    }

    /** A 32-bit float WAV, which the service must refuse. */
    public static byte[] floatWav(int rate, double seconds) {
        int frames = (int) (rate * seconds);
        ByteBuffer buf = ByteBuffer.allocate(frames * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            buf.putFloat((float) (0.5 * Math.sin(2 * Math.PI * 440 * i / rate)));
        }
        AudioFormat format = new AudioFormat(AudioFormat.Encoding.PCM_FLOAT, rate, 32, 1, 4, rate, false);
        return write(new AudioInputStream(new ByteArrayInputStream(buf.array()), format, frames));
    }

    private static byte[] write(AudioInputStream in) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** RMS of 16-bit LE PCM between two sample positions. */
    public static double rms(byte[] pcm, int from, int to) {
        ByteBuffer b = ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN);
        double sum = 0;
        for (int i = from; i < to; i++) {
            double s = b.getShort(i * 2) / 32768.0;
            sum += s * s;
        }
        return Math.sqrt(sum / (to - from));
    }

    /** Amplitude of one frequency in 16-bit LE PCM at 8 kHz (single-bin DFT). */
    public static double toneAmplitude(byte[] pcm, double hz, int from, int to) {
        return toneAmplitude(pcm, 8000, hz, from, to);
    }

    /** Amplitude of one frequency in 16-bit LE PCM at {@code rate} (single-bin DFT). */
    public static double toneAmplitude(byte[] pcm, int rate, double hz, int from, int to) {
        ByteBuffer b = ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN);
        double re = 0;
        double im = 0;
        for (int i = from; i < to; i++) {
            double s = b.getShort(i * 2) / 32768.0;
            re += s * Math.cos(2 * Math.PI * hz * i / rate);
            im += s * Math.sin(2 * Math.PI * hz * i / rate);
        }
        return 2 * Math.hypot(re, im) / (to - from);
    }
}
