package org.confbridge.media.rtp;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Single-producer single-consumer ring of finished RTP packets, from the mixer thread (producer)
 * to the leg's I/O loop thread (consumer), so that the send system calls run beside the mix on the
 * loop threads instead of inside the 20 ms tick. A few slots: if the loop falls that far behind,
 * the newest packet is dropped (real-time audio has no use for a backlog).
 */
final class OutboundQueue {
    private static final class Slot {
        final byte[] data = new byte[RtpPacket.HEADER_SIZE + RtpPacket.MAX_PAYLOAD];
        int length;
        InetSocketAddress destination;
    }

    private final Slot[] slots;
    private final int mask;
    private final AtomicLong head = new AtomicLong();
    private final AtomicLong tail = new AtomicLong();

    OutboundQueue(int capacityPowerOfTwo) {
        slots = new Slot[capacityPowerOfTwo];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new Slot();
        }
        mask = capacityPowerOfTwo - 1;
    }

    /**
     * Producer: the buffer to write the next packet into (header and payload, in place: no extra
     * copy), or null if the queue is full. Must be followed by {@link #publish}.
     */
    byte[] claim() {
        long t = tail.get();
        if (t - head.get() >= slots.length) {
            return null;
        }
        return slots[(int) (t & mask)].data;
    }

    /** Producer: hands the packet written into the claimed buffer to the consumer. */
    void publish(int length, InetSocketAddress destination) {
        long t = tail.get();
        Slot slot = slots[(int) (t & mask)];
        slot.length = length;
        slot.destination = destination;
        tail.lazySet(t + 1);
    }

    /** Consumer: sends every queued packet through {@code transport}; returns how many were sent successfully. */
    int drainTo(RtpTransport transport, RtpCounters counters) {
        long h = head.get();
        long t = tail.get();
        int sent = 0;
        for (; h < t; h++) {
            Slot slot = slots[(int) (h & mask)];
            if (transport.send(slot.data, slot.length, slot.destination)) {
                counters.countSent();
                sent++;
            } else {
                counters.countSendError();
            }
            slot.destination = null;
        }
        head.lazySet(h);
        return sent;
    }
}
