package org.confbridge.testkit.rtp;

/**
 * Send times of the last packets a session emitted, to measure the sender's own pacing (20 ms
 * intervals, jitter) in tests. A fixed ring: a long call keeps only the most recent entries.
 */
public final class SendLog {

    private static final int CAPACITY = 4096;

    private final long[] times = new long[CAPACITY];
    private final int[] payloadTypes = new int[CAPACITY];
    private long count;

    synchronized void record(long nanoTime, int payloadType) {
        int slot = (int) (count % CAPACITY);
        times[slot] = nanoTime;
        payloadTypes[slot] = payloadType;
        count++;
    }

    /** Packets sent in total. */
    public synchronized long count() {
        return count;
    }

    /** Send times (System.nanoTime) of the most recent packets, oldest first. */
    public synchronized long[] sendTimes() {
        int n = (int) Math.min(count, CAPACITY);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = times[(int) ((count - n + i) % CAPACITY)];
        }
        return out;
    }

    /** How many of the recorded packets had the given payload type. */
    public synchronized int countOf(int payloadType) {
        int n = (int) Math.min(count, CAPACITY);
        int matches = 0;
        for (int i = 0; i < n; i++) {
            if (payloadTypes[(int) ((count - n + i) % CAPACITY)] == payloadType) {
                matches++;
            }
        }
        return matches;
    }
}
