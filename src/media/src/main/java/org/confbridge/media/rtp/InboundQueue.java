package org.confbridge.media.rtp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.confbridge.media.sdp.AudioCodec;

/**
 * Single-producer single-consumer ring of audio payloads between the receive thread (producer)
 * and the mixer thread (consumer). Slots are preallocated; no locks and no allocation per packet.
 * Exactly one thread may call {@link #offer}, exactly one other thread {@link #poll}.
 */
public final class InboundQueue {
    private static final VarHandle HEAD;
    private static final VarHandle TAIL;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            HEAD = lookup.findVarHandle(InboundQueue.class, "head", long.class);
            TAIL = lookup.findVarHandle(InboundQueue.class, "tail", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** One received audio payload. Owned by the consumer between {@link #poll} and {@link #release}. */
    public static final class Slot {
        // Sized for one 20 ms G.711 frame; grows (once) for a longer packet up to MAX_PAYLOAD.
        byte[] payload = new byte[TYPICAL_PAYLOAD];
        int length;
        long timestamp;
        int ssrc;
        boolean marker;
        AudioCodec codec;

        public byte[] payload() {
            return payload;
        }

        public int length() {
            return length;
        }

        /** RTP timestamp (unsigned 32 bit). */
        public long timestamp() {
            return timestamp;
        }

        public int ssrc() {
            return ssrc;
        }

        public boolean marker() {
            return marker;
        }

        /** The G.711 variant this payload is in (from its payload type). */
        public AudioCodec codec() {
            return codec;
        }
    }

    private static final int TYPICAL_PAYLOAD = 160;

    private final Slot[] slots;
    private final int mask;
    // Indexes live in this object (VarHandles, not AtomicLongs): two fewer objects for the tick to touch.
    private long head; // next slot to read; written by the consumer only
    private long tail; // next slot to write; written by the producer only

    /** A queue of {@code capacity} slots (rounded up to a power of two). */
    public InboundQueue(int capacity) {
        int size = Integer.highestOneBit(Math.max(2, capacity - 1)) << 1;
        slots = new Slot[size];
        for (int i = 0; i < size; i++) {
            slots[i] = new Slot();
        }
        mask = size - 1;
    }

    /** Producer: copies a payload in. Returns false (packet dropped) when the consumer is too far behind. */
    public boolean offer(byte[] data, int offset, int length, long timestamp, int ssrc, boolean marker,
            AudioCodec codec) {
        long t = (long) TAIL.getAcquire(this);
        if (t - (long) HEAD.getAcquire(this) >= slots.length) {
            return false;
        }
        Slot slot = slots[(int) (t & mask)];
        if (slot.payload.length < length) {
            slot.payload = new byte[Math.min(RtpPacket.MAX_PAYLOAD, Math.max(length, 2 * slot.payload.length))];
        }
        System.arraycopy(data, offset, slot.payload, 0, length);
        slot.length = length;
        slot.timestamp = timestamp;
        slot.ssrc = ssrc;
        slot.marker = marker;
        if (slot.codec != codec) {
            slot.codec = codec; // a reference store costs a GC write barrier: only when it changes
        }
        TAIL.setRelease(this, t + 1); // publishes the slot contents to the consumer
        return true;
    }

    /** Consumer: the oldest payload, or null. Call {@link #release()} when done with it. */
    public Slot poll() {
        long h = (long) HEAD.getAcquire(this);
        if (h >= (long) TAIL.getAcquire(this)) {
            return null;
        }
        return slots[(int) (h & mask)];
    }

    /** Consumer: gives the slot returned by the last {@link #poll()} back to the producer. */
    public void release() {
        HEAD.setRelease(this, (long) HEAD.getAcquire(this) + 1);
    }
}
