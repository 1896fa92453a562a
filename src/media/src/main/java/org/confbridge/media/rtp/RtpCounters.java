package org.confbridge.media.rtp;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Per-leg packet counters. Each counter has one writing thread (receive side: the receive loop;
 * send side: the mixer), so increments are plain lazy sets; any thread may read.
 */
public final class RtpCounters {
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong sendErrors = new AtomicLong();
    private final AtomicLongArray dropped = new AtomicLongArray(RtpDropReason.values().length);
    private final AtomicLong lost = new AtomicLong();

    // Sequence tracking (RFC 3550 A.1, simplified): receive thread only.
    private static final int MAX_DROPOUT = 3000;
    private boolean sequenceKnown;
    private int sequenceSsrc;
    private int highestSequence;

    void countReceived() {
        received.lazySet(received.get() + 1);
    }

    /**
     * Receive thread: notes an accepted packet's sequence number. A forward jump of {@code n} counts
     * {@code n - 1} packets lost; a late (reordered) or duplicate packet changes nothing, so the count only
     * grows (a monitoring counter; a reordered packet that fills a gap is not taken back); a new SSRC or a
     * jump of {@value #MAX_DROPOUT} or more (the sender restarted its numbering) starts over without counting.
     */
    void countSequence(int ssrc, int sequence) {
        if (!sequenceKnown || ssrc != sequenceSsrc) {
            sequenceKnown = true;
            sequenceSsrc = ssrc;
            highestSequence = sequence;
            return;
        }
        int delta = (sequence - highestSequence) & 0xFFFF;
        if (delta == 0) {
            return; // duplicate
        }
        if (delta < MAX_DROPOUT) {
            if (delta > 1) {
                lost.lazySet(lost.get() + delta - 1);
            }
            highestSequence = sequence;
        } else if (delta <= 0x10000 - MAX_DROPOUT) {
            highestSequence = sequence; // a restart of the sender's numbering
        }
    }

    void countSent() {
        sent.lazySet(sent.get() + 1);
    }

    void countSendError() {
        sendErrors.lazySet(sendErrors.get() + 1);
    }

    void countDropped(RtpDropReason reason) {
        int index = reason.ordinal();
        dropped.lazySet(index, dropped.get(index) + 1);
    }

    /** Valid packets accepted (audio and events). */
    public long received() {
        return received.get();
    }

    /** Packets missing from the received sequence numbers when the next one came (see {@link #countSequence}). */
    public long lost() {
        return lost.get();
    }

    public long sent() {
        return sent.get();
    }

    public long sendErrors() {
        return sendErrors.get();
    }

    public long dropped(RtpDropReason reason) {
        return dropped.get(reason.ordinal());
    }

    /** All drops by reason (only non-zero entries). */
    public Map<RtpDropReason, Long> droppedByReason() {
        Map<RtpDropReason, Long> map = new EnumMap<>(RtpDropReason.class);
        for (RtpDropReason reason : RtpDropReason.values()) {
            long count = dropped(reason);
            if (count > 0) {
                map.put(reason, count);
            }
        }
        return map;
    }
}
