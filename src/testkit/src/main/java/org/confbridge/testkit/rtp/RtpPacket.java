package org.confbridge.testkit.rtp;

import java.util.Arrays;

/**
 * One RTP packet (RFC 3550 section 5.1). Parsing skips CSRCs, a header extension and padding; anything
 * malformed is rejected with {@link #parse} returning null, so a receiver can count and drop it.
 */
public final class RtpPacket {

    public static final int HEADER_LENGTH = 12;

    private final boolean marker;
    private final int payloadType;
    private final int sequence;
    private final long timestamp;
    private final long ssrc;
    private final byte[] payload;

    public RtpPacket(boolean marker, int payloadType, int sequence, long timestamp, long ssrc, byte[] payload) {
        this.marker = marker;
        this.payloadType = payloadType & 0x7f;
        this.sequence = sequence & 0xffff;
        this.timestamp = timestamp & 0xffffffffL;
        this.ssrc = ssrc & 0xffffffffL;
        this.payload = payload;
    }

    /** The packet in {@code data[0, length)}, or null when it is not a valid RTP version 2 packet. */
    public static RtpPacket parse(byte[] data, int length) {
        if (length < HEADER_LENGTH || (data[0] & 0xc0) != 0x80) {
            return null;
        }
        boolean padding = (data[0] & 0x20) != 0;
        boolean extension = (data[0] & 0x10) != 0;
        int csrcCount = data[0] & 0x0f;
        int offset = HEADER_LENGTH + 4 * csrcCount;
        if (extension) {
            if (length < offset + 4) {
                return null;
            }
            int words = ((data[offset + 2] & 0xff) << 8) | (data[offset + 3] & 0xff);
            offset += 4 + 4 * words;
        }
        int end = length;
        if (padding) {
            end -= data[length - 1] & 0xff;
        }
        if (offset > end) {
            return null;
        }
        return new RtpPacket((data[1] & 0x80) != 0, data[1] & 0x7f,
                ((data[2] & 0xff) << 8) | (data[3] & 0xff),
                readInt(data, 4), readInt(data, 8), Arrays.copyOfRange(data, offset, end));
    }

    public byte[] toBytes() {
        byte[] out = new byte[HEADER_LENGTH + payload.length];
        out[0] = (byte) 0x80;
        out[1] = (byte) ((marker ? 0x80 : 0) | payloadType);
        out[2] = (byte) (sequence >> 8);
        out[3] = (byte) sequence;
        writeInt(out, 4, timestamp);
        writeInt(out, 8, ssrc);
        System.arraycopy(payload, 0, out, HEADER_LENGTH, payload.length);
        return out;
    }

    public boolean marker() {
        return marker;
    }

    public int payloadType() {
        return payloadType;
    }

    public int sequence() {
        return sequence;
    }

    public long timestamp() {
        return timestamp;
    }

    public long ssrc() {
        return ssrc;
    }

    public byte[] payload() {
        return payload.clone();
    }

    private static long readInt(byte[] d, int at) {
        return ((long) (d[at] & 0xff) << 24) | ((d[at + 1] & 0xff) << 16) | ((d[at + 2] & 0xff) << 8) | (d[at + 3] & 0xff);
    }

    private static void writeInt(byte[] d, int at, long v) {
        d[at] = (byte) (v >> 24);
        d[at + 1] = (byte) (v >> 16);
        d[at + 2] = (byte) (v >> 8);
        d[at + 3] = (byte) v;
    }

    @Override
    public String toString() {
        return "RTP[pt=" + payloadType + " seq=" + sequence + " ts=" + timestamp + (marker ? " M" : "")
                + " " + payload.length + " bytes]";
    }
}
