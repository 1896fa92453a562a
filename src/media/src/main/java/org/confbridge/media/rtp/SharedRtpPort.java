package org.confbridge.media.rtp;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.EventLoopTaskQueueFactory;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.concurrent.DefaultEventExecutorChooserFactory;
import io.netty.util.concurrent.RejectedExecutionHandlers;
import io.netty.util.concurrent.ThreadPerTaskExecutor;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.spi.SelectorProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.confbridge.media.dtmf.DigitListener;
import org.confbridge.media.sdp.NegotiatedMedia;

/**
 * One UDP socket that carries the RTP of many legs, on one I/O thread. Per-leg sockets cost the kernel
 * one system call per packet; one socket lets it receive a burst with one {@code recvmmsg} and send a
 * whole tick's packets with a few {@code sendmmsg} (Netty's native epoll transport; where it cannot load,
 * Netty's NIO transport does the same work one datagram per call).
 *
 * <p>Legs are told apart by where a packet comes from ({@link RtpSession}'s rules, unchanged): a
 * packet from a leg's SDP address or from the source it latched onto goes to that leg. A packet from
 * anywhere else may only be latched onto by a leg that has latched nothing yet and whose rule allows
 * that address (the call's signalling IP); if exactly one such leg exists it gets the packet, otherwise
 * the packet is dropped and counted as from a stranger. (Two unlatched callers behind one NAT cannot be
 * told apart this way: that is what the port-per-call mode is for.)
 *
 * <p>Threads: receiving and sending run on the I/O thread. The source index is a concurrent map that
 * whoever changes a session's addresses updates at once ({@link RtpSession#update} on a SIP thread, a
 * latch on the I/O thread; per session under its lock), so the first packet after an SDP answer finds
 * its leg. The list of sessions to send for is the I/O thread's own (changes are handed to it).
 */
public final class SharedRtpPort implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SharedRtpPort.class.getName());
    private static final int MAX_DATAGRAM = 2048;
    private static final int DATAGRAMS_PER_READ = 64;          // one recvmmsg fetches up to this many
    private static final int SOCKET_BUFFER_BYTES = 4 << 20;   // a tick's burst of thousands of packets
    // Bounded task queue: the per-tick flush hand-over then allocates nothing (Netty's default queue
    // is unbounded and grows in chunks). Tasks are per-tick flushes and per-call changes: few.
    private static final int TASK_QUEUE_CAPACITY = 1 << 16;
    private static final int COALESCE_BELOW_PACKETS = 16;
    private static final int COALESCE_MIN_LEGS = 200;
    private static final long COALESCE_NANOS = 300_000;

    private final EventLoopGroup group;
    private final EventLoop loop;
    private final Channel channel;
    private final int localPort;
    private final boolean nativeTransport;
    private final LongAdder strangerPackets;
    private final Runnable flush = this::flushAll;
    private final AtomicBoolean closed = new AtomicBoolean();

    private final byte[] received = new byte[MAX_DATAGRAM];  // I/O thread
    private int receivedSinceWakeUp;                          // I/O thread
    private final List<Member> flushed = new ArrayList<>();   // I/O thread: the sessions whose packets it sends
    // Where packets come from -> whose they are. Changed synchronously by whoever changes a session's
    // addresses (a packet right after the SDP answer must find its leg; a hand-over to the I/O thread
    // could run after that packet), read by the I/O thread without allocation.
    private final Map<InetSocketAddress, Member> bySource = new ConcurrentHashMap<>();
    private final Set<Member> members = ConcurrentHashMap.newKeySet();

    static {
        // Netty samples one buffer in 128 for leak tracking, recording a stack trace each time: on a path of
        // hundreds of thousands of datagrams a second that is steady garbage and CPU. Our buffers are released
        // on every path (tests cover them); an operator can still turn tracking on with the usual property.
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
    }

    private SharedRtpPort(EventLoopGroup group, Channel channel, int localPort, boolean nativeTransport,
            LongAdder strangerPackets) {
        this.group = group;
        this.loop = channel.eventLoop();
        this.channel = channel;
        this.localPort = localPort;
        this.nativeTransport = nativeTransport;
        this.strangerPackets = strangerPackets;
    }

    /**
     * Binds a random even port of {@code minPort..maxPort} on {@code bindAddress}, served by a new I/O
     * thread named {@code threadName}.
     *
     * @param strangerPackets counts packets dropped because they came from no leg's source (engine-wide)
     */
    public static SharedRtpPort open(InetAddress bindAddress, int minPort, int maxPort, String threadName,
            Random random, LongAdder strangerPackets) throws IOException {
        int first = minPort + (minPort & 1);
        int evenPorts = (maxPort - first) / 2 + 1;
        if (evenPorts < 1) {
            throw new IOException("RTP port range " + minPort + "-" + maxPort + " holds no even port");
        }
        boolean epoll = Epoll.isAvailable();
        if (!epoll) {
            LOG.log(Level.INFO, "native epoll transport unavailable, RTP uses NIO: {0}",
                    Epoll.unavailabilityCause() == null ? "?" : Epoll.unavailabilityCause().toString());
        }
        java.util.concurrent.atomic.AtomicReference<SharedRtpPort> holder = new java.util.concurrent.atomic.AtomicReference<>();
        EventLoopGroup group = newGroup(epoll, threadName, holder);
        // An IPv4 socket for an IPv4 address: a dual-stack socket would take every packet through the IPv6
        // code and IPv4-mapped addresses for nothing (it cannot reach IPv6 peers from an IPv4 address anyway).
        InternetProtocolFamily family = bindAddress instanceof Inet4Address
                ? InternetProtocolFamily.IPv4 : InternetProtocolFamily.IPv6;
        Bootstrap bootstrap = new Bootstrap().group(group)
                .channelFactory(epoll ? () -> new EpollDatagramChannel(family) : () -> new NioDatagramChannel(family))
                .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER_BYTES)
                .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER_BYTES)
                // Real-time audio has no use for a backlog: past this, packets are dropped and counted.
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(1 << 20, 2 << 20))
                .option(ChannelOption.RCVBUF_ALLOCATOR,
                        new FixedRecvByteBufAllocator(epoll ? MAX_DATAGRAM * DATAGRAMS_PER_READ : MAX_DATAGRAM))
                .handler(new Receiver(holder));
        if (epoll) {
            bootstrap.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_DATAGRAM); // enables recvmmsg
            // Level-triggered: readable is reported again while datagrams remain. Edge-triggered, a read that
            // stopped short (Netty assumes the socket drained when a batch is not full to the byte) waited for
            // the next arrival, and a backlog of megabytes built up in the socket under load.
            bootstrap.option(EpollChannelOption.EPOLL_MODE, io.netty.channel.epoll.EpollMode.LEVEL_TRIGGERED);
        }
        IOException last = null;
        int start = random.nextInt(evenPorts); // unpredictable, then every port once: a busy range still finds its free port
        for (int attempt = 0; attempt < evenPorts; attempt++) {
            int port = first + 2 * ((start + attempt) % evenPorts);
            Channel channel = bootstrap.register().syncUninterruptibly().channel();
            SharedRtpPort candidate = new SharedRtpPort(group, channel, port, epoll, strangerPackets);
            holder.set(candidate); // before the bind: no packet can be read earlier
            try {
                channel.bind(new InetSocketAddress(bindAddress, port)).syncUninterruptibly();
                return candidate;
            } catch (Exception e) { // Netty rethrows the bind's IOException unchecked: port taken, try another
                channel.close().syncUninterruptibly();
                last = new IOException("cannot bind RTP port " + port + ": " + e.getMessage(), e);
            }
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        throw last;
    }

    /** Hands each datagram to the port (the current binding attempt's); one instance serves every attempt. */
    @io.netty.channel.ChannelHandler.Sharable
    private static final class Receiver extends ChannelInboundHandlerAdapter {
        private final java.util.concurrent.atomic.AtomicReference<SharedRtpPort> port;

        Receiver(java.util.concurrent.atomic.AtomicReference<SharedRtpPort> port) {
            this.port = port;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            DatagramPacket packet = (DatagramPacket) msg;
            try {
                port.get().onDatagram(packet.content(), packet.sender());
            } finally {
                packet.release();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // ICMP port unreachable and the like: the next packet may well work.
            LOG.log(Level.FINE, "RTP socket error", cause);
        }
    }

    /**
     * Fewer wake-ups: when the last wake-up brought only a few packets and many legs are served, wait a
     * fraction of a millisecond before polling again, so one {@code recvmmsg} fetches many packets instead
     * of paying a whole {@code epoll_wait} per packet (phones send within a few milliseconds of each other).
     * Pending tasks (the tick's flush) are never delayed by more than that wait. Small loads are not
     * delayed at all.
     */
    private static final class CoalescingSelectStrategy implements io.netty.channel.SelectStrategy {
        private final java.util.concurrent.atomic.AtomicReference<SharedRtpPort> port;

        CoalescingSelectStrategy(java.util.concurrent.atomic.AtomicReference<SharedRtpPort> port) {
            this.port = port;
        }

        @Override
        public int calculateStrategy(io.netty.util.IntSupplier selectSupplier, boolean hasTasks) throws Exception {
            SharedRtpPort current = port.get();
            if (current != null) {
                int received = current.receivedSinceWakeUp;
                current.receivedSinceWakeUp = 0;
                if (received > 0 && received < COALESCE_BELOW_PACKETS && current.members.size() > COALESCE_MIN_LEGS) {
                    java.util.concurrent.locks.LockSupport.parkNanos(COALESCE_NANOS);
                    return selectSupplier.get(); // what gathered meanwhile, without blocking
                }
            }
            return hasTasks ? selectSupplier.get() : io.netty.channel.SelectStrategy.SELECT;
        }
    }

    private static EventLoopGroup newGroup(boolean epoll, String threadName,
            java.util.concurrent.atomic.AtomicReference<SharedRtpPort> holder) {
        io.netty.channel.SelectStrategyFactory strategies = () -> new CoalescingSelectStrategy(holder);
        ThreadFactory threads = runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            thread.setPriority(Thread.MAX_PRIORITY);
            return thread;
        };
        EventLoopTaskQueueFactory queues = capacity -> new ArrayBlockingQueue<>(TASK_QUEUE_CAPACITY);
        ThreadPerTaskExecutor executor = new ThreadPerTaskExecutor(threads);
        return epoll
                ? new EpollEventLoopGroup(1, executor, DefaultEventExecutorChooserFactory.INSTANCE,
                        strategies, RejectedExecutionHandlers.reject(), queues, queues)
                : new NioEventLoopGroup(1, executor, DefaultEventExecutorChooserFactory.INSTANCE,
                        SelectorProvider.provider(), strategies,
                        RejectedExecutionHandlers.reject(), queues, queues);
    }

    /** The local UDP port (what every SDP answer of this port's legs announces). */
    public int localPort() {
        return localPort;
    }

    /** Whether the native epoll transport (recvmmsg/sendmmsg) carries this port, rather than NIO. */
    public boolean isNative() {
        return nativeTransport;
    }

    /** Creates a session on this port; it receives once {@link RtpSession#update} gives it a remote address. */
    public RtpSession openSession(DigitListener digits, boolean strictSource, LongAdder sessionStrangers) {
        Member member = new Member();
        RtpSession session = new RtpSession(member, digits, strictSource, sessionStrangers);
        member.session = session;
        members.add(member);
        onLoop(() -> flushed.add(member));
        return session;
    }

    /** Asks the I/O thread to send what the mixer prepared for this port's sessions (once per tick). */
    public void requestFlush() {
        if (!closed.get()) {
            loop.execute(flush);
        }
    }

    // ---- I/O thread ----

    private void onDatagram(ByteBuf content, InetSocketAddress source) {
        receivedSinceWakeUp++;
        int length = Math.min(content.readableBytes(), received.length);
        content.getBytes(content.readerIndex(), received, 0, length);
        Member member = bySource.get(source);
        if (member == null) {
            member = latchCandidate(source.getAddress());
            if (member == null) {
                strangerPackets.increment();
                return;
            }
        }
        RtpSession session = member.session;
        session.receive(received, length, source, System.nanoTime());
        if (session.latchedSource() != member.latchedKey) {
            reindex(member);
        }
    }

    /**
     * The one leg that may latch onto a packet from {@code address}, or null (none, or more than one).
     * Only for packets from unknown sources (a caller's first packet from behind a NAT, strangers).
     */
    private Member latchCandidate(InetAddress address) {
        Member found = null;
        for (Member member : members) {
            if (member.session.mayLatchFrom(address)) {
                if (found != null) {
                    return null; // ambiguous: giving it to either could let one caller hear as another
                }
                found = member;
            }
        }
        return found;
    }

    /** Points the source index at the member's current SDP address and latched source (any thread). */
    private void reindex(Member member) {
        synchronized (member) {
            if (!member.closed.get()) {
                reindexLocked(member);
            }
        }
    }

    private void reindexLocked(Member member) {
        NegotiatedMedia media = member.session.media();
        InetSocketAddress sdp = media == null ? null : media.remoteRtp();
        InetSocketAddress latched = member.session.latchedSource();
        InetSocketAddress oldSdp = member.sdpKey;
        InetSocketAddress oldLatched = member.latchedKey;
        member.sdpKey = sdp;
        member.latchedKey = latched;
        unmapIfUnused(oldSdp, member);
        unmapIfUnused(oldLatched, member);
        if (sdp != null) {
            bySource.put(sdp, member);
        }
        if (latched != null) {
            bySource.put(latched, member);
        }
    }

    private void unmapIfUnused(InetSocketAddress key, Member member) {
        if (key != null && !key.equals(member.sdpKey) && !key.equals(member.latchedKey)) {
            bySource.remove(key, member);
        }
    }

    private void remove(Member member) {
        members.remove(member);
        synchronized (member) {
            InetSocketAddress sdp = member.sdpKey;
            InetSocketAddress latched = member.latchedKey;
            member.sdpKey = null;
            member.latchedKey = null;
            unmapIfUnused(sdp, member);
            unmapIfUnused(latched, member);
        }
        onLoop(() -> flushed.remove(member));
    }

    private void onLoop(Runnable task) {
        try {
            loop.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.log(Level.FINE, "RTP port closed", e); // the engine is closing: nothing left to send
        }
    }

    /** Sends every session's queued packets, then flushes them to the kernel at once (sendmmsg batches). */
    private void flushAll() {
        for (int i = 0, n = flushed.size(); i < n; i++) {
            flushed.get(i).session.flushOutbound();
        }
        channel.flush();
    }

    private boolean write(byte[] data, int length, InetSocketAddress destination) {
        if (!channel.isWritable()) {
            return false; // the kernel is not taking packets: drop rather than queue stale audio
        }
        ByteBuf buffer = channel.alloc().directBuffer(length);
        buffer.writeBytes(data, 0, length);
        channel.write(new DatagramPacket(buffer, destination), channel.voidPromise());
        return true;
    }

    /** Closes the socket and stops the I/O thread. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        }
    }

    /** Number of open sessions on this port. */
    public int sessions() {
        return members.size();
    }

    /** One session's transport on the shared socket. */
    private final class Member implements RtpTransport {
        RtpSession session;
        InetSocketAddress sdpKey;           // guarded by this
        volatile InetSocketAddress latchedKey; // written under this; read without the lock to notice a change
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public int localPort() {
            return localPort;
        }

        @Override
        public boolean send(byte[] data, int length, InetSocketAddress destination) {
            return write(data, length, Objects.requireNonNull(destination));
        }

        @Override
        public void sourcesChanged() {
            reindex(this);
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                remove(this);
            }
        }
    }
}
