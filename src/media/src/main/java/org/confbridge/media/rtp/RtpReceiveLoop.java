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
    private volatile boolean running = true;
    private volatile boolean flushRequested;

    public RtpReceiveLoop(String name) throws IOException {
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
        selector.wakeup();
        try {
            done.get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(Level.WARNING, "receive loop did not run a task in time", e);
        }
    }

    private void run() {
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
        selector.wakeup();
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
        selector.wakeup();
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
