package org.confbridge.interfaces.rest;

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

/** Test audio written with javax.sound: PCM sine tones of any shape, and a float WAV. */
public final class WavFiles {

    private WavFiles() {
    }

    public static byte[] sine(double hz, int rate, int bits, int channels, double seconds) {
        int frames = (int) (rate * seconds);
        int size = bits / 8;
        ByteBuffer buf = ByteBuffer.allocate(frames * channels * size).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            double v = 0.5 * Math.sin(2 * Math.PI * hz * i / rate);
            for (int c = 0; c < channels; c++) {
                if (bits == 8) {
                    buf.put((byte) (Math.round(v * 127) + 128));
                } else {
                    int s = (int) Math.round(v * ((1 << (bits - 1)) - 1));
                    for (int k = 0; k < size; k++) {
                        buf.put((byte) (s >> (8 * k)));
                    }
                }
            }
        }
        AudioFormat f = new AudioFormat(bits == 8 ? AudioFormat.Encoding.PCM_UNSIGNED : AudioFormat.Encoding.PCM_SIGNED,
                rate, bits, channels, channels * size, rate, false);
        return write(new AudioInputStream(new ByteArrayInputStream(buf.array()), f, frames));
    }

    public static byte[] floatWav(int rate, double seconds) {
        int frames = (int) (rate * seconds);
        ByteBuffer buf = ByteBuffer.allocate(frames * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            buf.putFloat((float) (0.5 * Math.sin(2 * Math.PI * 440 * i / rate)));
        }
        AudioFormat f = new AudioFormat(AudioFormat.Encoding.PCM_FLOAT, rate, 32, 1, 4, rate, false);
        return write(new AudioInputStream(new ByteArrayInputStream(buf.array()), f, frames));
    }

    public static AudioFormat formatOf(byte[] wav) {
        try {
            return AudioSystem.getAudioFileFormat(new ByteArrayInputStream(wav)).getFormat();
        } catch (Exception e) {
            throw new AssertionError("not a readable WAV", e);
        }
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
}
