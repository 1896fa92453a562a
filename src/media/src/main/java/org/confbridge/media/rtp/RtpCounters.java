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

    void countReceived() {
        received.lazySet(received.get() + 1);
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
