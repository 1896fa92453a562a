package org.confbridge.testkit.rtp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * G.711 u-law / A-law as lookup tables filled once from the JDK's decoders (javax.sound), so the test
 * phone does not share a hand-written codec with the product it checks.
 */
public final class G711 {

    public static final G711 ULAW = fromJdk(AudioFormat.Encoding.ULAW);
    public static final G711 ALAW = fromJdk(AudioFormat.Encoding.ALAW);

    private static final float RATE = 8000f;

    private final short[] decodeTable;
    private final byte[] encodeTable;

    private G711(short[] decodeTable, byte[] encodeTable) {
        this.decodeTable = decodeTable;
        this.encodeTable = encodeTable;
    }

    /** The codec for static RTP payload type 0 (PCMU) or 8 (PCMA); null for any other. */
    public static G711 forPayloadType(int payloadType) {
        switch (payloadType) {
            case 0:
                return ULAW;
            case 8:
                return ALAW;
            default:
                return null;
        }
    }

    public short decode(byte code) {
        return decodeTable[code & 0xff];
    }

    public byte encode(short sample) {
        return encodeTable[sample - Short.MIN_VALUE];
    }

    public short[] decode(byte[] data, int offset, int length) {
        short[] out = new short[length];
        for (int i = 0; i < length; i++) {
            out[i] = decodeTable[data[offset + i] & 0xff];
        }
        return out;
    }

    public void encode(short[] samples, byte[] out, int offset) {
        for (int i = 0; i < samples.length; i++) {
            out[offset + i] = encodeTable[samples[i] - Short.MIN_VALUE];
        }
    }

    private static G711 fromJdk(AudioFormat.Encoding encoding) {
        AudioFormat pcm = new AudioFormat(RATE, 16, 1, true, false);
        AudioFormat law = new AudioFormat(encoding, RATE, 8, 1, 1, RATE, false);

        byte[] allCodes = new byte[256];
        for (int i = 0; i < 256; i++) {
            allCodes[i] = (byte) i;
        }
        byte[] decoded = convert(new AudioInputStream(new ByteArrayInputStream(allCodes), law, 256), pcm);
        if (decoded.length != 512) {
            throw new IllegalStateException("JDK " + encoding + " decoder returned " + decoded.length + " bytes");
        }
        short[] decodeTable = new short[256];
        for (int i = 0; i < 256; i++) {
            decodeTable[i] = (short) ((decoded[2 * i] & 0xff) | (decoded[2 * i + 1] << 8));
        }
        return new G711(decodeTable, nearestLevelEncoder(decodeTable));
    }

    /**
     * Encodes each sample to the code whose reconstruction value is nearest, which is what G.711's
     * decision levels amount to. The JDK's own A-law encoder is not used: it maps -1..-7 to -248.
     * Ties go to the larger value (A-law 0 becomes +8, 0xD5); equal values to the higher code
     * (u-law 0 becomes 0xFF, "positive zero").
     */
    private static byte[] nearestLevelEncoder(short[] decodeTable) {
        // distinct reconstruction levels in ascending order, each with its preferred (highest) code
        java.util.TreeMap<Integer, Integer> levels = new java.util.TreeMap<>();
        for (int code = 0; code < 256; code++) {
            levels.merge((int) decodeTable[code], code, Math::max);
        }
        int[] values = levels.keySet().stream().mapToInt(Integer::intValue).toArray();
        int[] codes = levels.values().stream().mapToInt(Integer::intValue).toArray();
        byte[] encodeTable = new byte[65536];
        int i = 0;
        for (int v = Short.MIN_VALUE; v <= Short.MAX_VALUE; v++) {
            while (i + 1 < values.length && Math.abs(values[i + 1] - v) <= Math.abs(values[i] - v)) {
                i++;
            }
            encodeTable[v - Short.MIN_VALUE] = (byte) codes[i];
        }
        return encodeTable;
    }

    private static byte[] convert(AudioInputStream source, AudioFormat target) {
        try (AudioInputStream converted = AudioSystem.getAudioInputStream(target, source)) {
            return converted.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
