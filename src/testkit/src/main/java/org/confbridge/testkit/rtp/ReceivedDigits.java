package org.confbridge.testkit.rtp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * DTMF keys heard as RFC 4733 events. One key is recorded once per event, however many update, end or
 * retransmitted end packets carry it: events are told apart by their RTP timestamp (RFC 4733 2.5.1).
 */
public final class ReceivedDigits {

    private static final int REMEMBERED_EVENTS = 32;

    /** One key press: the key, when its first packet arrived, and its final duration if an end was seen. */
    public static final class Digit {
        private final char key;
        private final long firstArrivalNanos;
        private final long timestamp;
        private final int clockRate;
        private volatile int endDuration = -1;
        private volatile int packets;

        Digit(char key, long firstArrivalNanos, long timestamp, int clockRate) {
            this.key = key;
            this.firstArrivalNanos = firstArrivalNanos;
            this.timestamp = timestamp;
            this.clockRate = clockRate;
        }

        public char key() {
            return key;
        }

        public long firstArrivalNanos() {
            return firstArrivalNanos;
        }

        /**
         * Duration from the end packet in timestamp units of the stream's RTP clock ({@link #clockRate()}: 1/8000 s
         * with G.711 and G.722, 1/48000 s with Opus), or -1 if no end packet came.
         */
        public int endDuration() {
            return endDuration;
        }

        /** The RTP clock rate the event's timestamp and durations count in (the audio codec's, RFC 4733 2.2). */
        public int clockRate() {
            return clockRate;
        }

        /** The end packet's duration in milliseconds, or -1 if no end packet came. */
        public long endDurationMillis() {
            int duration = endDuration;
            return duration < 0 ? -1 : duration * 1000L / clockRate;
        }

        /** Packets (updates and retransmissions) that carried this event. */
        public int packets() {
            return packets;
        }
    }

    private final List<Digit> digits = new ArrayList<>();

    /** @param clockRate the RTP clock of the stream the event came on */
    synchronized void onEvent(RtpPacket packet, TelephoneEvent event, long arrivalNanos, int clockRate) {
        Digit current = find(packet.timestamp());
        if (current == null) {
            current = new Digit(event.key(), arrivalNanos, packet.timestamp(), clockRate);
            digits.add(current);
            notifyAll();
        }
        current.packets++;
        if (event.end()) {
            current.endDuration = event.duration();
        }
    }

    private Digit find(long timestamp) {
        for (int i = digits.size() - 1; i >= Math.max(0, digits.size() - REMEMBERED_EVENTS); i--) {
            if (digits.get(i).timestamp == timestamp) {
                return digits.get(i);
            }
        }
        return null;
    }

    /** The keys heard so far, in order, e.g. "*91". */
    public synchronized String keys() {
        StringBuilder sb = new StringBuilder();
        digits.forEach(d -> sb.append(d.key));
        return sb.toString();
    }

    public synchronized List<Digit> digits() {
        return List.copyOf(digits);
    }

    /** Waits until at least {@code count} keys were heard; returns the keys heard (maybe fewer on timeout). */
    public synchronized String awaitKeys(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (digits.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return keys();
    }
}
