package org.confbridge.testkit.rtp;

/**
 * The 4-byte RFC 4733 telephone-event payload (section 2.3): event code, end bit, volume, duration
 * in timestamp units. Events 0-15 are the DTMF keys 0-9, *, #, A-D.
 */
public final class TelephoneEvent {

    private static final String KEYS = "0123456789*#ABCD";

    private final int event;
    private final boolean end;
    private final int volume;
    private final int duration;

    public TelephoneEvent(int event, boolean end, int volume, int duration) {
        this.event = event;
        this.end = end;
        this.volume = volume;
        this.duration = duration;
    }

    /** The event in an RTP payload, or null if the payload is not 4 bytes or more. */
    public static TelephoneEvent parse(byte[] payload) {
        if (payload.length < 4) {
            return null;
        }
        return new TelephoneEvent(payload[0] & 0xff, (payload[1] & 0x80) != 0, payload[1] & 0x3f,
                ((payload[2] & 0xff) << 8) | (payload[3] & 0xff));
    }

    /** The RFC 4733 event code of a DTMF key; a clear error for anything else. */
    public static int codeOf(char key) {
        int code = KEYS.indexOf(Character.toUpperCase(key));
        if (code < 0) {
            throw new IllegalArgumentException("not a DTMF key: '" + key + "' (expected one of " + KEYS + ")");
        }
        return code;
    }

    /** The DTMF key of this event, or '?' for a non-DTMF event. */
    public char key() {
        return event < KEYS.length() ? KEYS.charAt(event) : '?';
    }

    public byte[] toBytes() {
        return new byte[] {(byte) event, (byte) ((end ? 0x80 : 0) | (volume & 0x3f)),
            (byte) (duration >> 8), (byte) duration};
    }

    public int event() {
        return event;
    }

    public boolean end() {
        return end;
    }

    public int volume() {
        return volume;
    }

    public int duration() {
        return duration;
    }
}
