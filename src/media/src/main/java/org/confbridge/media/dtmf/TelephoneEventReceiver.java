package org.confbridge.media.dtmf;

/**
 * RFC 4733 receiver: turns telephone-event packets into one digit per key press.
 *
 * <p>All packets of one key press share the RTP timestamp of its start (RFC 4733 2.5.1.1), so
 * the start timestamp identifies the press (the last eight presses are remembered). The digit is reported when the first packet with the
 * end bit arrives; the retransmitted end packets (normally three) and any late updates carry
 * the same timestamp and are ignored. If every end packet is lost, the press is still reported
 * once, when the next press starts or when audio resumes after it.
 *
 * <p>Confined to the thread that receives the leg's RTP.
 */
public final class TelephoneEventReceiver {
    private static final int EVENT_BLOCK_SIZE = 4;
    private static final int REMEMBERED_PRESSES = 8;

    private final DigitListener listener;
    private final int[] reportedStarts = new int[REMEMBERED_PRESSES];
    private int reportedCount;
    private boolean pending;
    private int pendingTimestamp;
    private int pendingEvent;
    private int pendingDuration;
    private long ignoredPackets;

    public TelephoneEventReceiver(DigitListener listener) {
        this.listener = listener;
    }

    /**
     * Handles one telephone-event payload received with RTP timestamp {@code timestamp}. A payload
     * may hold several 4-byte event blocks (RFC 4733 2.5.1.5): earlier, ended events repeated
     * for redundancy, in start order; the packet timestamp is the first event's start and each
     * later event starts after the durations before it. Blocks already reported are skipped.
     */
    public void onEventPacket(long timestamp, byte[] data, int offset, int length) {
        if (length < EVENT_BLOCK_SIZE) {
            ignoredPackets++;
            return;
        }
        int start = (int) timestamp;
        for (int block = 0; block + EVENT_BLOCK_SIZE <= length; block += EVENT_BLOCK_SIZE) {
            int at = offset + block;
            int event = data[at] & 0xFF;
            boolean end = (data[at + 1] & 0x80) != 0;
            int duration = ((data[at + 2] & 0xFF) << 8) | (data[at + 3] & 0xFF);
            onEventBlock(start, event, end, duration);
            start += duration;
        }
    }

    private void onEventBlock(int start, int event, boolean end, int duration) {
        if (DtmfDigits.forEvent(event) == 0) {
            ignoredPackets++; // flash hook, tones etc.: not a key
            return;
        }
        if (wasReported(start)) {
            return; // retransmitted end packet, redundant copy, or stray update of a press already reported
        }
        if (pending && pendingTimestamp != start) {
            pending = false;
            report(pendingTimestamp, pendingEvent); // the previous press lost all its end packets
        }
        if (end) {
            pending = false;
            report(start, event);
        } else {
            pending = true;
            pendingTimestamp = start;
            pendingEvent = event;
            pendingDuration = duration;
        }
    }

    /** Audio resumed at {@code timestamp}: a press without end packets that is over is reported now. */
    public void onAudioPacket(long timestamp) {
        if (pending && (int) timestamp - (pendingTimestamp + pendingDuration) > 0) {
            pending = false;
            report(pendingTimestamp, pendingEvent);
        }
    }

    /** Event blocks that carried no DTMF key, or payloads too short for one. */
    public long ignoredPackets() {
        return ignoredPackets;
    }

    private boolean wasReported(int start) {
        for (int i = 0; i < Math.min(reportedCount, REMEMBERED_PRESSES); i++) {
            if (reportedStarts[i] == start) {
                return true;
            }
        }
        return false;
    }

    private void report(int start, int event) {
        reportedStarts[reportedCount++ % REMEMBERED_PRESSES] = start;
        listener.onDigit(DtmfDigits.forEvent(event));
    }
}
