package org.confbridge.media.rtp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One thread that receives and sends RTP for many legs through a NIO selector, so the packet
 * path costs a few threads in total, not one per participant. Sending: the mixer queues each
 * leg's packet and calls {@link #requestFlush()} once per tick; the loop then sends them, so the
 * system calls run beside the next mix instead of inside the tick.
 *
 * <p>Two ways to run. Event-driven (the default): the thread blocks in the selector and reads each
 * datagram as it arrives. Paced (engines with their own clock): the thread sleeps between ticks;
 * at the start of each tick the mixer asks it to read everything that arrived since the last one
 * ({@link #receiveNow()}, a few non-blocking selects, one read per ready socket) and waits for it
 * ({@link #awaitReceived}), then after the tick to send. Two wake-ups per tick instead of one (or
 * several) per packet burst, and no packet waits longer than before: the mixer only reads a leg's
 * audio at the tick anyway.
 *
 * <p>Registration and closing are handed to the loop thread (a queue plus
 * {@link Selector#wakeup()}), so the selector is only ever touched by its own thread and a closed
 * channel's port is really free when {@link #close(DatagramChannel)} returns.
 */
public final class RtpReceiveLoop implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RtpReceiveLoop.class.getName());
    private static final int MAX_DATAGRAM = 2048;
    private static final int COALESCE_BELOW_KEYS = 16;
    private static final int COALESCE_MIN_LEGS = 200;
    private static final long COALESCE_NANOS = 300_000;

    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
    // Loop thread only. The sessions to flush, by index (no iterator per tick); the consumer of
    // ready keys is made once (a capturing lambda per select would allocate on every wake-up).
    private final java.util.ArrayList<RtpSession> sessions = new java.util.ArrayList<>();
    private final java.util.function.Consumer<SelectionKey> onReady = this::onReady;
    private static final int MAX_RECEIVE_PASSES = 8;

    private final boolean paced;
    private volatile boolean running = true;
    private volatile boolean flushRequested;
    private volatile long receiveRequested;  // paced: generation the mixer asked for
    private volatile long receiveDone;       // paced: generation read completely
    private volatile Thread waiter;          // paced: the thread in awaitReceived

    /** An event-driven loop. */
    public RtpReceiveLoop(String name) throws IOException {
        this(name, false);
    }

    /** @param paced read only when asked, once per tick (see the class doc) */
    public RtpReceiveLoop(String name, boolean paced) throws IOException {
        this.paced = paced;
        this.selector = Selector.open();
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.setPriority(Thread.MAX_PRIORITY);
        this.thread.start();
    }

    /** Starts receiving on {@code channel} for {@code session}. */
    public void register(DatagramChannel channel, RtpSession session) {
        runOnLoop(() -> {
            try {
                channel.register(selector, SelectionKey.OP_READ, session);
                sessions.add(session);
            } catch (ClosedChannelException e) {
                LOG.log(Level.FINE, "channel closed before registration", e);
            }
        });
    }

    /** Stops receiving on {@code channel} and closes it; the port is free when this returns. */
    public void close(DatagramChannel channel) {
        runOnLoop(() -> {
            SelectionKey key = channel.keyFor(selector);
            if (key != null) {
                sessions.remove((RtpSession) key.attachment());
                key.cancel();
                try {
                    selector.selectNow(); // deregisters the cancelled key so the socket can really close
                } catch (IOException e) {
                    LOG.log(Level.FINE, "selectNow failed", e);
                }
            }
            closeQuietly(channel);
        });
    }

    private void runOnLoop(Runnable task) {
        if (Thread.currentThread() == thread || !running) {
            task.run();
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        tasks.add(() -> {
            try {
                task.run();
            } finally {
                done.complete(null);
            }
        });
        wake();
        try {
            done.get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(Level.WARNING, "receive loop did not run a task in time", e);
        }
    }

    private void wake() {
        if (paced) {
            LockSupport.unpark(thread);
        } else {
            selector.wakeup();
        }
    }

    private void run() {
        if (paced) {
            runPaced();
            return;
        }
        while (running) {
            try {
                int ready = selector.select(onReady);
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    task.run();
                }
                if (flushRequested) {
                    flushRequested = false;
                    for (int i = 0, n = sessions.size(); i < n; i++) {
                        sessions.get(i).flushOutbound();
                    }
                } else if (ready < COALESCE_BELOW_KEYS && sessions.size() > COALESCE_MIN_LEGS) {
                    // Many legs but few packets per wake-up: each packet would pay a whole
                    // epoll_wait. Waiting a fraction of a millisecond lets packets gather, so one
                    // system call serves many legs. Irrelevant for small loads (not done there).
                    LockSupport.parkNanos(COALESCE_NANOS);
                }
            } catch (IOException | RuntimeException e) {
                // One bad datagram or channel must not stop media for everyone else.
                LOG.log(Level.WARNING, "RTP receive loop error", e);
            }
        }
    }

    private void runPaced() {
        while (running) {
            try {
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    task.run();
                }
                long requested = receiveRequested;
                if (requested != receiveDone) {
                    receiveAll();
                    receiveDone = requested;
                    LockSupport.unpark(waiter);
                    continue;
                }
                if (flushRequested) {
                    flushRequested = false;
                    flushAll();
                    continue;
                }
                LockSupport.park(this);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "RTP receive loop error", e);
            }
        }
    }

    /**
     * Reads what waits on every socket: each non-blocking select reads one datagram per ready
     * socket (and reports at most about a thousand sockets), so a few passes empty them all.
     */
    private void receiveAll() throws IOException {
        for (int pass = 0; pass < MAX_RECEIVE_PASSES; pass++) {
            if (selector.selectNow(onReady) == 0) {
                return;
            }
        }
    }

    private void flushAll() {
        for (int i = 0, n = sessions.size(); i < n; i++) {
            sessions.get(i).flushOutbound();
        }
    }

    /** Paced loops: start reading what arrived since the last tick (returns at once). */
    public void receiveNow() {
        receiveRequested = receiveRequested + 1; // only the ticking thread writes it
        LockSupport.unpark(thread);
    }

    /**
     * Paced loops: waits until the read asked for by the last {@link #receiveNow()} is done, at
     * most until {@code deadlineNanos} (a starved loop must not hold the tick: what it reads late
     * is mixed at the next one). Returns false on timeout.
     */
    public boolean awaitReceived(long deadlineNanos) {
        waiter = Thread.currentThread();
        long target = receiveRequested;
        while (receiveDone != target) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0 || !running) {
                return false;
            }
            LockSupport.parkNanos(this, Math.min(left, 100_000));
        }
        return true;
    }

    private void onReady(SelectionKey key) {
        if (key.isValid() && key.isReadable()) {
            receiveOne((DatagramChannel) key.channel(), (RtpSession) key.attachment(), buffer.array());
        }
    }

    /**
     * One datagram per readiness: the selector is level-triggered and reports the channel again
     * if more is queued, which saves the extra empty receive call a drain loop would make for
     * every packet (legs get one packet per 20 ms, rarely two).
     */
    private void receiveOne(DatagramChannel channel, RtpSession session, byte[] data) {
        try {
            buffer.clear();
            InetSocketAddress source = (InetSocketAddress) channel.receive(buffer);
            if (source != null) {
                session.receive(data, buffer.position(), source, System.nanoTime());
            }
        } catch (IOException e) {
            // ICMP port unreachable surfaces here on some systems: the next packet may well work.
            LOG.log(Level.FINE, "receive failed", e);
        }
    }

    /** Asks the loop to send what the mixer prepared for its sessions (called once per tick). */
    public void requestFlush() {
        flushRequested = true;
        wake();
    }

    private static void closeQuietly(DatagramChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "close failed", e);
        }
    }

    /** Stops the thread and closes every channel still registered. */
    @Override
    public void close() {
        runOnLoop(() -> {
            for (SelectionKey key : selector.keys()) {
                key.cancel();
                closeQuietly((DatagramChannel) key.channel());
            }
            sessions.clear();
            running = false;
        });
        running = false;
        wake();
        try {
            thread.join(2000);
            selector.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.log(Level.FINE, "selector close failed", e);
        }
    }
}
