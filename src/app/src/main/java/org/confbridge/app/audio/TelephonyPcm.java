package org.confbridge.app.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The media engine's formats: mono, signed 16-bit little-endian PCM at 8 kHz, or at 16 kHz for sources that
 * have it (so wideband callers hear an uploaded sound in full; narrowband rooms get it filtered down).
 */
public final class TelephonyPcm {

    public static final int SAMPLE_RATE = 8000;
    public static final int WIDEBAND_SAMPLE_RATE = 16000;

    private final AudioDecoder decoder = new AudioDecoder();
    private final Resampler resampler = new Resampler();

    /** Decodes and converts an upload; the result is raw PCM (no header). */
    public Converted convert(byte[] upload) throws UnsupportedAudioException {
        DecodedAudio decoded = decoder.decode(upload);
        int rate = decoded.sampleRate() >= WIDEBAND_SAMPLE_RATE ? WIDEBAND_SAMPLE_RATE : SAMPLE_RATE;
        float[] converted = resampler.resample(decoded.samples(), decoded.sampleRate(), rate);
        ByteBuffer pcm = ByteBuffer.allocate(converted.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float s : converted) {
            int v = Math.round(s * 32767f);
            pcm.putShort((short) Math.max(-32768, Math.min(32767, v)));
        }
        long durationMs = converted.length * 1000L / rate;
        return new Converted(pcm.array(), decoded.format(), durationMs, rate);
    }

    /** Wraps raw 8 kHz telephony PCM in a WAV header (for downloads). */
    public static byte[] toWav(byte[] pcm) {
        return toWav(pcm, SAMPLE_RATE);
    }

    /** Wraps raw PCM at {@code rate} in a WAV header (for downloads). */
    public static byte[] toWav(byte[] pcm, int rate) {
        ByteBuffer b = ByteBuffer.allocate(44 + pcm.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {'R', 'I', 'F', 'F'}).putInt(36 + pcm.length).put(new byte[] {'W', 'A', 'V', 'E'});
        b.put(new byte[] {'f', 'm', 't', ' '}).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16);
        b.put(new byte[] {'d', 'a', 't', 'a'}).putInt(pcm.length).put(pcm);
        return b.array();
    }

    /**
     * @param pcm        mono 16-bit LE samples at {@code sampleRate}
     * @param format     "wav" or "mp3"
     * @param durationMs length of the converted audio
     * @param sampleRate 16000 for sources at 16 kHz or more, else 8000
     */
    public record Converted(byte[] pcm, String format, long durationMs, int sampleRate) {
    }
}
