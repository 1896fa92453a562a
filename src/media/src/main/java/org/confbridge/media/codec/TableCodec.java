package org.confbridge.media.codec;

import org.confbridge.media.sdp.AudioCodec;

/**
 * G.711 through two lookup tables built once from the reference formulas: 64 Ki entries for
 * encoding (indexed by the unsigned 16-bit sample) and 256 for decoding. Lookups beat the
 * segment search on the hot path, which encodes every outgoing frame.
 */
abstract class TableCodec implements G711Codec {
    private final AudioCodec codec;
    private final byte[] encodeTable = new byte[65536];
    private final short[] decodeTable = new short[256];

    TableCodec(AudioCodec codec) {
        this.codec = codec;
        for (int sample = Short.MIN_VALUE; sample <= Short.MAX_VALUE; sample++) {
            encodeTable[sample & 0xFFFF] = encodeSample(sample);
        }
        for (int value = 0; value < 256; value++) {
            decodeTable[value] = decodeSample(value);
        }
    }

    /** Reference encoder for one sample (used only to build the table). */
    abstract byte encodeSample(int sample);

    /** Reference decoder for one byte 0..255 (used only to build the table). */
    abstract short decodeSample(int value);

    @Override
    public final AudioCodec codec() {
        return codec;
    }

    @Override
    public final void encode(short[] pcm, int pcmOffset, int length, byte[] out, int outOffset) {
        for (int i = 0; i < length; i++) {
            out[outOffset + i] = encodeTable[pcm[pcmOffset + i] & 0xFFFF];
        }
    }

    @Override
    public final void decode(byte[] in, int inOffset, int length, short[] pcm, int pcmOffset) {
        for (int i = 0; i < length; i++) {
            pcm[pcmOffset + i] = decodeTable[in[inOffset + i] & 0xFF];
        }
    }

    @Override
    public final byte encode(short sample) {
        return encodeTable[sample & 0xFFFF];
    }

    @Override
    public final short decode(byte value) {
        return decodeTable[value & 0xFF];
    }

    /** Index of the first segment end that is >= value, or the table length if none. */
    static int segment(int value, int[] segmentEnds) {
        for (int i = 0; i < segmentEnds.length; i++) {
            if (value <= segmentEnds[i]) {
                return i;
            }
        }
        return segmentEnds.length;
    }
}
