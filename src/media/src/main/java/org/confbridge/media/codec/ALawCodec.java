package org.confbridge.media.codec;

import org.confbridge.media.sdp.AudioCodec;

/** G.711 A-law (PCMA): 13-bit magnitude, 8 segments, even bits inverted (XOR 0x55) on the wire. */
public final class ALawCodec extends TableCodec {
    private static final int[] SEGMENT_ENDS = {0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF};

    /** The shared instance (the tables are immutable; declared after the constants it reads). */
    public static final ALawCodec INSTANCE = new ALawCodec();

    private ALawCodec() {
        super(AudioCodec.PCMA);
    }

    @Override
    byte encodeSample(int sample) {
        int value = sample >> 3; // A-law works on 13 bits
        int mask;
        if (value >= 0) {
            mask = 0xD5;
        } else {
            mask = 0x55;
            value = -value - 1;
        }
        int segment = segment(value, SEGMENT_ENDS);
        if (segment >= 8) {
            return (byte) (0x7F ^ mask);
        }
        int code = segment << 4;
        code |= segment < 2 ? (value >> 1) & 0x0F : (value >> segment) & 0x0F;
        return (byte) (code ^ mask);
    }

    @Override
    short decodeSample(int value) {
        int toggled = value ^ 0x55;
        int magnitude = (toggled & 0x0F) << 4;
        int segment = (toggled & 0x70) >> 4;
        switch (segment) {
            case 0 -> magnitude += 8;
            case 1 -> magnitude += 0x108;
            default -> magnitude = (magnitude + 0x108) << (segment - 1);
        }
        return (short) ((toggled & 0x80) != 0 ? magnitude : -magnitude);
    }

    @Override
    public byte silence() {
        return (byte) 0xD5;
    }
}
