package org.confbridge.app.audio;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Decodes an upload to mono float samples. The container is recognised from its first bytes (RIFF/WAVE,
 * or an MP3 frame / ID3 tag) so that anything else gets a clear refusal instead of a decoder's guess.
 */
public final class AudioDecoder {

    /** Decodes WAV (PCM) or MP3; throws with a user-facing reason for anything else. */
    public DecodedAudio decode(byte[] data) throws UnsupportedAudioException {
        if (data == null || data.length == 0) {
            throw new UnsupportedAudioException("the file is empty");
        }
        if (WavHeader.looksLikeWav(data)) {
            WavHeader.requireSupportedPcm(data);
            return decodeWith(data, "wav");
        }
        if (looksLikeMp3(data)) {
            return decodeWith(data, "mp3");
        }
        throw new UnsupportedAudioException(
                "the file is neither a WAV (RIFF/WAVE with a format header) nor an MP3 file");
    }

    private static DecodedAudio decodeWith(byte[] data, String format) throws UnsupportedAudioException {
        try (AudioInputStream source = AudioSystem.getAudioInputStream(new ByteArrayInputStream(data))) {
            AudioFormat in = source.getFormat();
            AudioInputStream pcm = source;
            if (!AudioFormat.Encoding.PCM_SIGNED.equals(in.getEncoding())
                    && !AudioFormat.Encoding.PCM_UNSIGNED.equals(in.getEncoding())) {
                // Compressed (MP3): ask the SPI for 16-bit signed PCM at the native rate and channels.
                AudioFormat target = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, in.getSampleRate(), 16,
                        in.getChannels(), in.getChannels() * 2, in.getSampleRate(), false);
                pcm = AudioSystem.getAudioInputStream(target, source);
            }
            AudioFormat f = pcm.getFormat();
            byte[] bytes = readAll(pcm);
            float[] mono = toMonoFloat(bytes, f);
            if (mono.length == 0) {
                throw new UnsupportedAudioException("the " + format + " file contains no audio");
            }
            return new DecodedAudio(mono, Math.round(f.getSampleRate()), format);
        } catch (UnsupportedAudioFileException | IllegalArgumentException e) {
            throw new UnsupportedAudioException("the " + format + " file cannot be decoded: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new UnsupportedAudioException("the " + format + " file is damaged and cannot be decoded", e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    static float[] toMonoFloat(byte[] bytes, AudioFormat f) throws UnsupportedAudioException {
        int channels = f.getChannels();
        int sampleBytes = f.getSampleSizeInBits() / 8;
        if (sampleBytes < 1 || sampleBytes > 3 || channels < 1 || channels > 2) {
            throw new UnsupportedAudioException("unsupported PCM layout: " + f);
        }
        boolean unsigned = AudioFormat.Encoding.PCM_UNSIGNED.equals(f.getEncoding());
        boolean bigEndian = f.isBigEndian();
        int frameBytes = sampleBytes * channels;
        int frames = bytes.length / frameBytes;
        float scale = 1f / (1 << (8 * sampleBytes - 1));
        float[] out = new float[frames];
        for (int i = 0; i < frames; i++) {
            float sum = 0;
            for (int c = 0; c < channels; c++) {
                int at = i * frameBytes + c * sampleBytes;
                sum += sample(bytes, at, sampleBytes, bigEndian, unsigned) * scale;
            }
            out[i] = sum / channels;
        }
        return out;
    }

    private static int sample(byte[] b, int at, int size, boolean bigEndian, boolean unsigned) {
        int v = 0;
        for (int k = 0; k < size; k++) {
            int shift = 8 * (bigEndian ? size - 1 - k : k);
            v |= (b[at + k] & 0xFF) << shift;
        }
        int bits = 8 * size;
        if (unsigned) {
            return v - (1 << (bits - 1));
        }
        return (v << (32 - bits)) >> (32 - bits); // sign-extend
    }

    private static boolean looksLikeMp3(byte[] d) {
        if (d.length >= 3 && d[0] == 'I' && d[1] == 'D' && d[2] == '3') {
            return true;
        }
        // MPEG audio frame sync: 11 set bits, layer III ("01" in bits 2-1 of the second byte).
        return d.length >= 4 && (d[0] & 0xFF) == 0xFF && (d[1] & 0xE0) == 0xE0 && (d[1] & 0x06) == 0x02;
    }
}
