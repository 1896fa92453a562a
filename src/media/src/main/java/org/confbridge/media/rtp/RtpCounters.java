package org.confbridge.media.rtp;

import java.util.EnumMap;
import java.util.Map;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Per-leg packet counters. Each counter has one writing thread (receive side: the receive loop;
 * send side: the mixer), so increments are plain lazy sets; any thread may read.
 */
public final class RtpCounters {
    // Plain fields behind VarHandles rather than AtomicLong objects: each packet touches this one object
    // instead of several scattered ones (at thousands of legs every extra object is a cache miss).
    // One writer per field (receive thread or I/O thread); readers on any thread see a recent value.
    private static final VarHandle RECEIVED;
    private static final VarHandle SENT;
    private static final VarHandle SEND_ERRORS;
    private static final VarHandle LOST;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            RECEIVED = lookup.findVarHandle(RtpCounters.class, "received", long.class);
            SENT = lookup.findVarHandle(RtpCounters.class, "sent", long.class);
            SEND_ERRORS = lookup.findVarHandle(RtpCounters.class, "sendErrors", long.class);
            LOST = lookup.findVarHandle(RtpCounters.class, "lost", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private long received;
    private long sent;
    private long sendErrors;
    private long lost;
    private final AtomicLongArray dropped = new AtomicLongArray(RtpDropReason.values().length); // rare

    // Sequence tracking (RFC 3550 A.1, simplified): receive thread only.
    private static final int MAX_DROPOUT = 3000;
    private boolean sequenceKnown;
    private int sequenceSsrc;
    private int highestSequence;

    void countReceived() {
        RECEIVED.setRelease(this, received + 1);
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
                LOST.setRelease(this, lost + delta - 1);
            }
            highestSequence = sequence;
        } else if (delta <= 0x10000 - MAX_DROPOUT) {
            highestSequence = sequence; // a restart of the sender's numbering
        }
    }

    void countSent() {
        SENT.setRelease(this, sent + 1);
    }

    void countSendError() {
        SEND_ERRORS.setRelease(this, sendErrors + 1);
    }

    void countDropped(RtpDropReason reason) {
        int index = reason.ordinal();
        dropped.lazySet(index, dropped.get(index) + 1);
    }

    /** Valid packets accepted (audio and events). */
    public long received() {
        return (long) RECEIVED.getAcquire(this);
    }

    /** Packets missing from the received sequence numbers when the next one came (see {@link #countSequence}). */
    public long lost() {
        return (long) LOST.getAcquire(this);
    }

    public long sent() {
        return (long) SENT.getAcquire(this);
    }

    public long sendErrors() {
        return (long) SEND_ERRORS.getAcquire(this);
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
