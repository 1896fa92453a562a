package org.confbridge.media.dtmf;

/**
 * RFC 4733 receiver: turns telephone-event packets into one digit per key press.
 *
 * <p>All packets of one key press share the RTP timestamp of its start (RFC 4733 2.5.1.1), so
 * the timestamp identifies the press. The digit is reported when the first packet with the
 * end bit arrives; the retransmitted end packets (normally three) and any late updates carry
 * the same timestamp and are ignored. If every end packet is lost, the press is still reported
 * once, when the next press starts or when audio resumes after it.
 *
 * <p>Confined to the thread that receives the leg's RTP.
 */
public final class TelephoneEventReceiver {
    private static final int EVENT_PAYLOAD_SIZE = 4;

    private final DigitListener listener;
    private boolean anyReported;
    private int lastReportedTimestamp;
    private boolean pending;
    private int pendingTimestamp;
    private int pendingEvent;
    private int pendingDuration;
    private long ignoredPackets;

    public TelephoneEventReceiver(DigitListener listener) {
        this.listener = listener;
    }

    /** Handles one telephone-event payload received with RTP timestamp {@code timestamp}. */
    public void onEventPacket(long timestamp, byte[] data, int offset, int length) {
        if (length < EVENT_PAYLOAD_SIZE) {
            ignoredPackets++;
            return;
        }
        int ts = (int) timestamp;
        int event = data[offset] & 0xFF;
        boolean end = (data[offset + 1] & 0x80) != 0;
        int duration = ((data[offset + 2] & 0xFF) << 8) | (data[offset + 3] & 0xFF);
        if (DtmfDigits.forEvent(event) == 0) {
            ignoredPackets++; // flash hook, tones etc.: not a key
            return;
        }
        if (anyReported && ts == lastReportedTimestamp) {
            return; // retransmitted end packet or stray update of a press already reported
        }
        if (pending && pendingTimestamp != ts) {
            report(pendingTimestamp, pendingEvent); // the previous press lost all its end packets
        }
        if (end) {
            pending = false;
            report(ts, event);
        } else {
            pending = true;
            pendingTimestamp = ts;
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

    /** Packets that carried no DTMF key or were too short. */
    public long ignoredPackets() {
        return ignoredPackets;
    }

    private void report(int ts, int event) {
        anyReported = true;
        lastReportedTimestamp = ts;
        listener.onDigit(DtmfDigits.forEvent(event));
    }
}
