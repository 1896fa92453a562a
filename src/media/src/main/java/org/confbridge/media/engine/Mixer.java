package org.confbridge.media.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.confbridge.media.codec.AudioFrames;

/**
 * The 20 ms tick over all legs and rooms. Only the clock thread (or a test stepping it) calls
 * {@link #tick()}; other threads only {@link #post} commands, applied at the start of the next
 * tick. Nothing in the tick takes a lock on media state.
 *
 * <p>Rooms are independent, so with {@code partitions > 1} the tick splits them between the
 * clock thread and helper threads: a room and all its members are handled by one thread
 * (read each member's frame, sum, mix-minus, send), so no state is shared inside a tick.
 * Legs in no room are split by position. The helpers only run while a tick is in progress; they
 * are plain threads handed each tick by a generation counter and park/unpark, so that a tick
 * allocates nothing (an executor would allocate a task and a future per tick).
 */
final class Mixer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Mixer.class.getName());
    private static final int TIMEOUT_CHECK_TICKS = 50; // once a second

    private final Queue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final List<Leg> legs = new ArrayList<>();
    private final List<MixRoom> rooms = new ArrayList<>();
    private final TickTimer timer = new TickTimer();
    private final long mediaTimeoutNanos;
    private final Runnable afterTick;
    private final int partitions;
    private final List<Thread> helpers = new ArrayList<>();
    private final AtomicInteger remaining = new AtomicInteger();
    private volatile long generation;   // written by the ticking thread: a new tick for the helpers
    private volatile Thread ticking;    // the thread waiting for the helpers
    private volatile boolean closed;
    private long tickCount;

    /**
     * @param afterTick runs at the end of every tick (hands the prepared packets to the I/O loops)
     * @param partitions threads sharing a tick (the caller of {@link #tick()} plus {@code partitions - 1} helpers)
     */
    Mixer(long mediaTimeoutNanos, Runnable afterTick, int partitions) {
        this.mediaTimeoutNanos = mediaTimeoutNanos;
        this.afterTick = afterTick;
        this.partitions = partitions;
        for (int p = 1; p < partitions; p++) {
            int partition = p;
            Thread helper = new Thread(() -> helpLoop(partition), "media-mix-" + p);
            helper.setDaemon(true);
            helper.setPriority(Thread.MAX_PRIORITY);
            helpers.add(helper);
            helper.start();
        }
    }

    /** A helper thread: runs its partition of each tick, then tells the ticking thread. */
    private void helpLoop(int partition) {
        long seen = 0;
        while (!closed) {
            long current = generation;
            if (current == seen) {
                LockSupport.park(this);
                continue;
            }
            seen = current;
            try {
                process(partition);
            } catch (RuntimeException | Error e) {
                // Never die: the ticking thread waits for every helper, a dead one would stop all media.
                LOG.log(Level.SEVERE, "media tick partition failed", e);
            } finally {
                if (remaining.decrementAndGet() == 0) {
                    LockSupport.unpark(ticking);
                }
            }
        }
    }

    /**
     * Clock thread: a stall made the clock skip {@code ticks} ticks. Every leg's RTP clock jumps by
     * that much time before the next packet, so phones see a gap (time passed without packets)
     * rather than every later packet arriving late.
     */
    void ticksSkipped(long ticks) {
        for (int i = 0, n = legs.size(); i < n; i++) {
            legs.get(i).skipTicks(ticks);
        }
    }

    void post(Runnable command) {
        commands.add(command);
    }

    void tick() {
        long start = System.nanoTime();
        Runnable command;
        while ((command = commands.poll()) != null) {
            try {
                command.run();
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "media command failed", e);
            }
        }
        if (helpers.isEmpty()) {
            process(0);
        } else {
            ticking = Thread.currentThread();
            remaining.set(helpers.size());
            generation = generation + 1; // publishes the commands applied above to the helpers
            for (int i = 0, n = helpers.size(); i < n; i++) {
                LockSupport.unpark(helpers.get(i));
            }
            try {
                process(0);
            } finally {
                while (remaining.get() > 0) { // the helpers' work is visible once the count is zero
                    LockSupport.parkNanos(this, 200_000);
                }
            }
        }
        if (++tickCount % TIMEOUT_CHECK_TICKS == 0) {
            long now = System.nanoTime();
            for (int i = 0, n = legs.size(); i < n; i++) {
                legs.get(i).checkMediaTimeout(now, mediaTimeoutNanos);
            }
        }
        timer.record(System.nanoTime() - start);
        afterTick.run();
    }

    /** One partition's share of the tick: its rooms with their members, and its legs in no room. */
    private void process(int partition) {
        for (int r = partition, n = rooms.size(); r < n; r += partitions) {
            MixRoom room = rooms.get(r);
            List<Leg> members = room.members;
            for (int i = 0, m = members.size(); i < m; i++) {
                members.get(i).pullInput();
            }
            room.mix();
            for (int i = 0, m = members.size(); i < m; i++) {
                members.get(i).deliver();
            }
        }
        for (int i = partition, n = legs.size(); i < n; i += partitions) {
            Leg leg = legs.get(i);
            if (leg.room == null) {
                leg.pullInput();
                leg.deliver();
            }
        }
    }

    void addLeg(Leg leg) {
        legs.add(leg);
    }

    void removeLeg(Leg leg) {
        if (legs.remove(leg)) {
            leg.closeOnMixer();
        }
    }

    void addRoom(MixRoom room) {
        rooms.add(room);
    }

    void removeRoom(MixRoom room) {
        rooms.remove(room);
    }

    TickTimer timer() {
        return timer;
    }

    @Override
    public void close() {
        closed = true;
        for (Thread helper : helpers) {
            LockSupport.unpark(helper);
        }
    }
}
