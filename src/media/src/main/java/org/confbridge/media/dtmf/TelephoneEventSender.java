package org.confbridge.media.dtmf;

import java.util.ArrayDeque;
import java.util.Queue;

/**
 * RFC 4733 sender: plays queued digits as telephone-event packets, one per 20 ms tick.
 *
 * <p>Each digit: a first packet with the marker bit, updates with growing duration, reaching
 * {@value #TONE_TICKS} ticks (100 ms) in the end packet, which is sent three times
 * (RFC 4733 2.5.1.4), then a
 * {@value #GAP_TICKS}-tick gap in which normal audio flows. All packets of a digit carry the
 * RTP timestamp of its first tick.
 *
 * <p>Confined to the mixer thread.
 */
public final class TelephoneEventSender {
    static final int TONE_TICKS = 5;   // 100 ms
    static final int END_REPEATS = 3;
    static final int GAP_TICKS = 3;    // 60 ms
    private static final int VOLUME = 10; // -10 dBm0

    /** The next packet to send. Reused between ticks. */
    public static final class EventPacket {
        private final byte[] payload = new byte[4];
        private long timestamp;
        private boolean marker;

        public byte[] payload() {
            return payload;
        }

        public long timestamp() {
            return timestamp;
        }

        public boolean marker() {
            return marker;
        }
    }

    private final Queue<Character> digits = new ArrayDeque<>();
    private int queued; // mirrors digits.size(): busy() runs every tick for every leg
    private final EventPacket packet = new EventPacket();
    private int event = -1;
    private long eventTimestamp;
    private int tick;

    /** Queues digits to send. Characters that are not DTMF keys are rejected. */
    public void enqueue(String keys) {
        for (char key : keys.toCharArray()) {
            if (DtmfDigits.eventFor(key) < 0) {
                throw new IllegalArgumentException("not a DTMF key: '" + key + "'");
            }
        }
        for (char key : keys.toCharArray()) {
            digits.add(key);
            queued++;
        }
    }

    /** True while a digit or its trailing gap is in progress or digits wait. */
    public boolean busy() {
        return event >= 0 || queued > 0;
    }

    /**
     * Advances one tick. Returns the event packet to send instead of audio, or null if audio
     * should be sent this tick.
     *
     * @param audioTimestamp the RTP timestamp this tick's audio frame would carry
     * @param samplesPerTick samples in one tick (duration unit of RFC 4733 at 8 kHz)
     */
    public EventPacket nextPacket(long audioTimestamp, int samplesPerTick) {
        if (event < 0) {
            Character next = digits.poll();
            if (next == null) {
                return null;
            }
            queued--;
            event = DtmfDigits.eventFor(next);
            eventTimestamp = audioTimestamp;
            tick = 0;
        }
        int current = tick++;
        int lastEndTick = TONE_TICKS - 1 + END_REPEATS - 1;
        if (current > lastEndTick) {
            if (current >= lastEndTick + GAP_TICKS) {
                event = -1;
            }
            return null;
        }
        boolean end = current >= TONE_TICKS - 1;
        int duration = Math.min(current + 1, TONE_TICKS) * samplesPerTick;
        byte[] payload = packet.payload;
        payload[0] = (byte) event;
        payload[1] = (byte) ((end ? 0x80 : 0) | VOLUME);
        payload[2] = (byte) (duration >>> 8);
        payload[3] = (byte) duration;
        packet.timestamp = eventTimestamp;
        packet.marker = current == 0;
        return packet;
    }
}
