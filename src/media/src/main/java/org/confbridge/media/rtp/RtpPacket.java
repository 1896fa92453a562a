package org.confbridge.media.rtp;

/**
 * A parsed RTP header over a datagram buffer (RFC 3550 section 5.1). Mutable and reused by the
 * one thread that parses, so the receive path allocates nothing per packet.
 */
public final class RtpPacket {
    /** Size of the fixed RTP header. */
    public static final int HEADER_SIZE = 12;
    /** Largest payload accepted: 120 ms of G.711 or G.722, or the largest Opus frame (larger is not a phone talking to us). */
    public static final int MAX_PAYLOAD = 1280;
    /** RTP version we speak. */
    public static final int VERSION = 2;

    private boolean marker;
    private int payloadType;
    private int sequenceNumber;
    private long timestamp;
    private int ssrc;
    private int payloadOffset;
    private int payloadLength;

    /**
     * Parses {@code data[0..length)}.
     *
     * @return null if the packet is well formed, otherwise why it must be dropped
     */
    public RtpDropReason parse(byte[] data, int length) {
        if (length < HEADER_SIZE) {
            return RtpDropReason.SHORT;
        }
        int first = data[0] & 0xFF;
        if ((first >>> 6) != VERSION) {
            return RtpDropReason.BAD_VERSION;
        }
        boolean padding = (first & 0x20) != 0;
        boolean extension = (first & 0x10) != 0;
        int csrcCount = first & 0x0F;
        int second = data[1] & 0xFF;
        marker = (second & 0x80) != 0;
        payloadType = second & 0x7F;
        sequenceNumber = ((data[2] & 0xFF) << 8) | (data[3] & 0xFF);
        timestamp = readUnsignedInt(data, 4);
        ssrc = (int) readUnsignedInt(data, 8);
        int offset = HEADER_SIZE + 4 * csrcCount;
        if (extension) {
            if (offset + 4 > length) {
                return RtpDropReason.MALFORMED;
            }
            int extensionWords = ((data[offset + 2] & 0xFF) << 8) | (data[offset + 3] & 0xFF);
            offset += 4 + 4 * extensionWords;
        }
        int end = length;
        if (padding) {
            int padCount = data[length - 1] & 0xFF;
            if (padCount == 0) {
                return RtpDropReason.MALFORMED;
            }
            end -= padCount;
        }
        if (offset > end) {
            return RtpDropReason.MALFORMED;
        }
        payloadOffset = offset;
        payloadLength = end - offset;
        if (payloadLength > MAX_PAYLOAD) {
            return RtpDropReason.HUGE;
        }
        return null;
    }

    /** Writes a 12-byte header (no CSRC, no extension, no padding) at the start of {@code out}. */
    public static void writeHeader(byte[] out, boolean marker, int payloadType, int sequenceNumber, long timestamp,
            int ssrc) {
        out[0] = (byte) (VERSION << 6);
        out[1] = (byte) ((marker ? 0x80 : 0) | (payloadType & 0x7F));
        out[2] = (byte) (sequenceNumber >>> 8);
        out[3] = (byte) sequenceNumber;
        writeInt(out, 4, (int) timestamp);
        writeInt(out, 8, ssrc);
    }

    private static long readUnsignedInt(byte[] data, int offset) {
        return ((long) (data[offset] & 0xFF) << 24) | ((data[offset + 1] & 0xFF) << 16)
                | ((data[offset + 2] & 0xFF) << 8) | (data[offset + 3] & 0xFF);
    }

    private static void writeInt(byte[] out, int offset, int value) {
        out[offset] = (byte) (value >>> 24);
        out[offset + 1] = (byte) (value >>> 16);
        out[offset + 2] = (byte) (value >>> 8);
        out[offset + 3] = (byte) value;
    }

    public boolean marker() {
        return marker;
    }

    public int payloadType() {
        return payloadType;
    }

    /** 16-bit sequence number, 0..65535. */
    public int sequenceNumber() {
        return sequenceNumber;
    }

    /** 32-bit timestamp as an unsigned value. */
    public long timestamp() {
        return timestamp;
    }

    public int ssrc() {
        return ssrc;
    }

    public int payloadOffset() {
        return payloadOffset;
    }

    public int payloadLength() {
        return payloadLength;
    }
}
