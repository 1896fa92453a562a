package org.confbridge.media.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The 20 ms tick over all legs and rooms. Only the clock thread (or a test stepping it) calls
 * {@link #tick()}; other threads only {@link #post} commands, applied at the start of the next
 * tick. Nothing in the tick takes a lock.
 */
final class Mixer {
    private static final Logger LOG = Logger.getLogger(Mixer.class.getName());
    private static final int TIMEOUT_CHECK_TICKS = 50; // once a second

    private final Queue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final List<Leg> legs = new ArrayList<>();
    private final List<MixRoom> rooms = new ArrayList<>();
    private final TickTimer timer = new TickTimer();
    private final long mediaTimeoutNanos;
    private long tickCount;

    private final Runnable afterTick;

    /**
     * @param afterTick runs at the end of every tick (hands the prepared packets to the I/O loops)
     */
    Mixer(long mediaTimeoutNanos, Runnable afterTick) {
        this.mediaTimeoutNanos = mediaTimeoutNanos;
        this.afterTick = afterTick;
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
        for (int i = 0, n = legs.size(); i < n; i++) {
            legs.get(i).pullInput();
        }
        for (int i = 0, n = rooms.size(); i < n; i++) {
            rooms.get(i).mix();
        }
        for (int i = 0, n = legs.size(); i < n; i++) {
            legs.get(i).deliver();
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
}
