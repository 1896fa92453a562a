package org.confbridge.app.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads the RIFF chunks of a WAV file far enough to refuse what javax.sound would misread or
 * report vaguely: a missing format header, floating-point samples, odd sample sizes.
 */
final class WavHeader {

    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_FLOAT = 3;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;

    private WavHeader() {
    }

    static boolean looksLikeWav(byte[] data) {
        return data.length >= 12 && ascii(data, 0).equals("RIFF") && ascii(data, 8).equals("WAVE");
    }

    /** Checks the 'fmt ' chunk; returns normally when the file is PCM we can decode. */
    static void requireSupportedPcm(byte[] data) throws UnsupportedAudioException {
        ByteBuffer buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 12;
        boolean sawData = false;
        while (pos + 8 <= data.length) {
            String id = ascii(data, pos);
            long size = Integer.toUnsignedLong(buf.getInt(pos + 4));
            if (id.equals("fmt ")) {
                checkFormat(buf, pos + 8, size);
                return;
            }
            if (id.equals("data")) {
                sawData = true;
                break;
            }
            pos += 8 + (int) Math.min(size + (size & 1), data.length);
        }
        throw new UnsupportedAudioException(sawData
                ? "the WAV file has no format header ('fmt ' chunk) before its audio data"
                : "the WAV file has no format header ('fmt ' chunk)");
    }

    private static void checkFormat(ByteBuffer buf, int at, long size) throws UnsupportedAudioException {
        if (size < 16 || at + 16 > buf.limit()) {
            throw new UnsupportedAudioException("the WAV format header is truncated");
        }
        int tag = Short.toUnsignedInt(buf.getShort(at));
        int channels = Short.toUnsignedInt(buf.getShort(at + 2));
        int rate = buf.getInt(at + 4);
        int bits = Short.toUnsignedInt(buf.getShort(at + 14));
        if (tag == FORMAT_EXTENSIBLE && size >= 40 && at + 26 <= buf.limit()) {
            tag = Short.toUnsignedInt(buf.getShort(at + 24)); // first two bytes of the sub-format GUID
        }
        if (tag == FORMAT_FLOAT) {
            throw new UnsupportedAudioException(
                    "floating-point WAV is not supported: export the sound as 16-bit PCM WAV (or MP3)");
        }
        if (tag != FORMAT_PCM) {
            throw new UnsupportedAudioException("WAV encoding " + tag
                    + " is not supported: only PCM WAV (8, 16 or 24-bit) and MP3 are accepted");
        }
        if (bits != 8 && bits != 16 && bits != 24) {
            throw new UnsupportedAudioException(bits + "-bit WAV is not supported: use 8, 16 or 24-bit PCM");
        }
        if (channels != 1 && channels != 2) {
            throw new UnsupportedAudioException(channels + " channels are not supported: use mono or stereo");
        }
        if (rate < 4000 || rate > 192000) {
            throw new UnsupportedAudioException("a sample rate of " + rate + " Hz is not supported (4000-192000)");
        }
    }

    private static String ascii(byte[] data, int at) {
        if (at + 4 > data.length) {
            return "";
        }
        char[] c = new char[4];
        for (int i = 0; i < 4; i++) {
            c[i] = (char) (data[at + i] & 0xFF);
        }
        return new String(c);
    }
}
