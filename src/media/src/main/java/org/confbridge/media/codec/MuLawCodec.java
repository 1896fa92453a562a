package org.confbridge.media.codec;

import org.confbridge.media.sdp.AudioCodec;

/** G.711 mu-law (PCMU): 14-bit magnitude, bias 33, 8 segments, all bits inverted on the wire. */
public final class MuLawCodec extends TableCodec {
    private static final int BIAS = 0x84;
    private static final int CLIP = 8159;
    private static final int[] SEGMENT_ENDS = {0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF};

    /** The shared instance (the tables are immutable; declared after the constants it reads). */
    public static final MuLawCodec INSTANCE = new MuLawCodec();

    private MuLawCodec() {
        super(AudioCodec.PCMU);
    }

    @Override
    byte encodeSample(int sample) {
        int value = sample >> 2; // G.711 mu-law works on 14 bits
        int mask;
        if (value < 0) {
            value = -value;
            mask = 0x7F;
        } else {
            mask = 0xFF;
        }
        value = Math.min(value, CLIP) + (BIAS >> 2);
        int segment = segment(value, SEGMENT_ENDS);
        if (segment >= 8) {
            return (byte) (0x7F ^ mask);
        }
        int code = (segment << 4) | ((value >> (segment + 1)) & 0x0F);
        return (byte) (code ^ mask);
    }

    @Override
    short decodeSample(int value) {
        int inverted = ~value & 0xFF;
        int magnitude = (((inverted & 0x0F) << 3) + BIAS) << ((inverted & 0x70) >> 4);
        return (short) ((inverted & 0x80) != 0 ? BIAS - magnitude : magnitude - BIAS);
    }

    @Override
    public byte silence() {
        return (byte) 0xFF;
    }
}
