package org.confbridge.media.rtp;

import java.net.InetSocketAddress;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Single-producer single-consumer ring of finished RTP packets, from the mixer thread (producer)
 * to the leg's I/O loop thread (consumer), so that the send system calls run beside the mix on the
 * loop threads instead of inside the 20 ms tick. A few slots: if the loop falls that far behind,
 * the newest packet is dropped (real-time audio has no use for a backlog).
 */
final class OutboundQueue {
    private static final VarHandle HEAD;
    private static final VarHandle TAIL;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            HEAD = lookup.findVarHandle(OutboundQueue.class, "head", long.class);
            TAIL = lookup.findVarHandle(OutboundQueue.class, "tail", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final class Slot {
        final byte[] data = new byte[RtpPacket.HEADER_SIZE + RtpPacket.MAX_PAYLOAD];
        int length;
        InetSocketAddress destination;
    }

    private final Slot[] slots;
    private final int mask;
    // Indexes live in this object (VarHandles, not AtomicLongs): two fewer objects for the tick to touch.
    private long head; // written by the consumer only
    private long tail; // written by the producer only

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
        long t = (long) TAIL.getAcquire(this);
        if (t - (long) HEAD.getAcquire(this) >= slots.length) {
            return null;
        }
        return slots[(int) (t & mask)].data;
    }

    /** Producer: hands the packet written into the claimed buffer to the consumer. */
    void publish(int length, InetSocketAddress destination) {
        long t = (long) TAIL.getAcquire(this);
        Slot slot = slots[(int) (t & mask)];
        slot.length = length;
        if (slot.destination != destination) {
            slot.destination = destination; // a reference store costs a GC write barrier: only when it changes
        }
        TAIL.setRelease(this, t + 1);
    }

    /** Consumer: sends every queued packet through {@code transport}; returns how many were sent successfully. */
    int drainTo(RtpTransport transport, RtpCounters counters) {
        long h = (long) HEAD.getAcquire(this);
        long t = (long) TAIL.getAcquire(this);
        int sent = 0;
        for (; h < t; h++) {
            Slot slot = slots[(int) (h & mask)];
            if (transport.send(slot.data, slot.length, slot.destination)) {
                counters.countSent();
                sent++;
            } else {
                counters.countSendError();
            }
        }
        HEAD.setRelease(this, h);
        return sent;
    }
}
