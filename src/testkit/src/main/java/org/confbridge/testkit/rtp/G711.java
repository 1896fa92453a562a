package org.confbridge.testkit.rtp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * G.711 u-law / A-law as lookup tables filled once from the JDK's own codecs (javax.sound), so the test
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
        short[] decodeTable = new short[256];
        for (int i = 0; i < 256; i++) {
            decodeTable[i] = (short) ((decoded[2 * i] & 0xff) | (decoded[2 * i + 1] << 8));
        }

        byte[] allSamples = new byte[65536 * 2];
        for (int v = Short.MIN_VALUE; v <= Short.MAX_VALUE; v++) {
            int i = v - Short.MIN_VALUE;
            allSamples[2 * i] = (byte) v;
            allSamples[2 * i + 1] = (byte) (v >> 8);
        }
        byte[] encodeTable = convert(new AudioInputStream(new ByteArrayInputStream(allSamples), pcm, 65536), law);
        if (encodeTable.length != 65536 || decoded.length != 512) {
            throw new IllegalStateException("JDK " + encoding + " codec returned unexpected lengths");
        }
        return new G711(decodeTable, encodeTable);
    }

    private static byte[] convert(AudioInputStream source, AudioFormat target) {
        try (AudioInputStream converted = AudioSystem.getAudioInputStream(target, source)) {
            return converted.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
