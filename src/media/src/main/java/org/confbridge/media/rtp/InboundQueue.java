package org.confbridge.media.rtp;

import java.util.concurrent.atomic.AtomicLong;
import org.confbridge.media.sdp.AudioCodec;

/**
 * Single-producer single-consumer ring of audio payloads between the receive thread (producer)
 * and the mixer thread (consumer). Slots are preallocated; no locks and no allocation per packet.
 * Exactly one thread may call {@link #offer}, exactly one other thread {@link #poll}.
 */
public final class InboundQueue {
    /** One received audio payload. Owned by the consumer between {@link #poll} and {@link #release}. */
    public static final class Slot {
        final byte[] payload = new byte[RtpPacket.MAX_PAYLOAD];
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

    private final Slot[] slots;
    private final int mask;
    private final AtomicLong head = new AtomicLong(); // next slot to read; written by consumer
    private final AtomicLong tail = new AtomicLong(); // next slot to write; written by producer

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
        long t = tail.get();
        if (t - head.get() >= slots.length) {
            return false;
        }
        Slot slot = slots[(int) (t & mask)];
        System.arraycopy(data, offset, slot.payload, 0, length);
        slot.length = length;
        slot.timestamp = timestamp;
        slot.ssrc = ssrc;
        slot.marker = marker;
        slot.codec = codec;
        tail.lazySet(t + 1); // publishes the slot contents to the consumer
        return true;
    }

    /** Consumer: the oldest payload, or null. Call {@link #release()} when done with it. */
    public Slot poll() {
        long h = head.get();
        if (h >= tail.get()) {
            return null;
        }
        return slots[(int) (h & mask)];
    }

    /** Consumer: gives the slot returned by the last {@link #poll()} back to the producer. */
    public void release() {
        head.lazySet(head.get() + 1);
    }
}
