package org.confbridge.media.rtp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * RTP over a UDP socket from the {@link RtpPortAllocator}, received by an {@link RtpReceiveLoop}.
 * Sends are non-blocking; a full socket buffer loses the packet (counted), as real-time media should.
 */
public final class UdpRtpTransport implements RtpTransport {
    private static final Logger LOG = Logger.getLogger(UdpRtpTransport.class.getName());

    private final DatagramChannel channel;
    private final RtpPortAllocator allocator;
    private final RtpReceiveLoop loop;
    private final int localPort;
    private final ByteBuffer out = ByteBuffer.allocateDirect(RtpPacket.HEADER_SIZE + RtpPacket.MAX_PAYLOAD);
    private final AtomicBoolean closed = new AtomicBoolean();

    private UdpRtpTransport(DatagramChannel channel, RtpPortAllocator allocator, RtpReceiveLoop loop)
            throws IOException {
        this.channel = channel;
        this.allocator = allocator;
        this.loop = loop;
        this.localPort = ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    /**
     * Binds a port from {@code allocator} and creates the session that owns it, receiving on {@code loop}.
     */
    public static RtpSession openSession(RtpPortAllocator allocator, RtpReceiveLoop loop,
            org.confbridge.media.dtmf.DigitListener digits) throws IOException {
        return openSession(allocator, loop, digits, true, new java.util.concurrent.atomic.LongAdder());
    }

    /**
     * As {@link #openSession(RtpPortAllocator, RtpReceiveLoop, org.confbridge.media.dtmf.DigitListener)},
     * with the session's source rule and the engine-wide counter of packets from strangers.
     */
    public static RtpSession openSession(RtpPortAllocator allocator, RtpReceiveLoop loop,
            org.confbridge.media.dtmf.DigitListener digits, boolean strictSource,
            java.util.concurrent.atomic.LongAdder strangerPackets) throws IOException {
        DatagramChannel channel = allocator.open();
        UdpRtpTransport transport;
        try {
            transport = new UdpRtpTransport(channel, allocator, loop);
        } catch (IOException e) {
            int port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
            channel.close();
            allocator.release(port);
            throw e;
        }
        RtpSession session = new RtpSession(transport, digits, strictSource, strangerPackets);
        loop.register(channel, session);
        return session;
    }

    @Override
    public int localPort() {
        return localPort;
    }

    @Override
    public boolean send(byte[] data, int length, InetSocketAddress destination) {
        out.clear();
        out.put(data, 0, length);
        out.flip();
        try {
            return channel.send(out, destination) == length;
        } catch (IOException e) {
            LOG.log(Level.FINE, "RTP send failed", e);
            return false;
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            loop.close(channel);
            allocator.release(localPort);
        }
    }
}
