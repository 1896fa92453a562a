package org.confbridge.app.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The media engine's format: 8 kHz, mono, signed 16-bit little-endian PCM. */
public final class TelephonyPcm {

    public static final int SAMPLE_RATE = 8000;

    private final AudioDecoder decoder = new AudioDecoder();
    private final Resampler resampler = new Resampler();

    /** Decodes and converts an upload; the result is raw PCM (no header). */
    public Converted convert(byte[] upload) throws UnsupportedAudioException {
        DecodedAudio decoded = decoder.decode(upload);
        float[] at8k = resampler.resample(decoded.samples(), decoded.sampleRate(), SAMPLE_RATE);
        ByteBuffer pcm = ByteBuffer.allocate(at8k.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float s : at8k) {
            int v = Math.round(s * 32767f);
            pcm.putShort((short) Math.max(-32768, Math.min(32767, v)));
        }
        long durationMs = at8k.length * 1000L / SAMPLE_RATE;
        return new Converted(pcm.array(), decoded.format(), durationMs);
    }

    /** Wraps raw telephony PCM in a WAV header (for downloads). */
    public static byte[] toWav(byte[] pcm) {
        ByteBuffer b = ByteBuffer.allocate(44 + pcm.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {'R', 'I', 'F', 'F'}).putInt(36 + pcm.length).put(new byte[] {'W', 'A', 'V', 'E'});
        b.put(new byte[] {'f', 'm', 't', ' '}).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(SAMPLE_RATE).putInt(SAMPLE_RATE * 2).putShort((short) 2).putShort((short) 16);
        b.put(new byte[] {'d', 'a', 't', 'a'}).putInt(pcm.length).put(pcm);
        return b.array();
    }

    /**
     * @param pcm        8 kHz mono 16-bit LE samples
     * @param format     "wav" or "mp3"
     * @param durationMs length of the converted audio
     */
    public record Converted(byte[] pcm, String format, long durationMs) {
    }
}
