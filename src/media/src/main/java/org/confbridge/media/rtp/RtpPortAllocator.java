package org.confbridge.media.rtp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.util.BitSet;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands out UDP sockets on even ports of a configured range (RTP on even ports, RFC 3550 11),
 * round robin so a just-released port is not reused at once (late packets of the old call would
 * reach the new one). Thread-safe; called at call set-up and tear-down, never in the media path.
 */
public final class RtpPortAllocator {
    private static final Logger LOG = Logger.getLogger(RtpPortAllocator.class.getName());

    private final InetAddress bindAddress;
    private final int minPort;
    private final int maxPort;
    private final BitSet inUse = new BitSet(65536);
    private int next;

    /**
     * @param bindAddress the local address to bind (the wildcard for all interfaces)
     * @param minPort first port of the range (rounded up to even)
     * @param maxPort last port of the range
     */
    public RtpPortAllocator(InetAddress bindAddress, int minPort, int maxPort) {
        if (minPort < 1024 || maxPort > 65535 || minPort > maxPort) {
            throw new IllegalArgumentException("bad RTP port range " + minPort + "-" + maxPort);
        }
        this.bindAddress = bindAddress;
        this.minPort = minPort + (minPort & 1);
        this.maxPort = maxPort;
        if (this.minPort > maxPort) {
            throw new IllegalArgumentException("RTP port range " + minPort + "-" + maxPort + " holds no even port");
        }
        this.next = this.minPort;
    }

    /** Opens a non-blocking UDP channel bound to a free port of the range. */
    public synchronized DatagramChannel open() throws IOException {
        int candidates = (maxPort - minPort) / 2 + 1;
        for (int attempt = 0; attempt < candidates; attempt++) {
            int port = next;
            next = next + 2 > maxPort ? minPort : next + 2;
            if (inUse.get(port)) {
                continue;
            }
            DatagramChannel channel = bindAddress.getAddress().length == 16
                    ? DatagramChannel.open(StandardProtocolFamily.INET6)
                    : DatagramChannel.open(StandardProtocolFamily.INET);
            try {
                channel.bind(new InetSocketAddress(bindAddress, port));
                channel.configureBlocking(false);
                inUse.set(port);
                return channel;
            } catch (IOException e) {
                channel.close(); // taken by someone else: try the next one
                LOG.log(Level.FINE, "RTP port {0} busy", port);
            }
        }
        throw new IOException("no free RTP port in " + minPort + "-" + maxPort);
    }

    /** Marks a port free again after its channel was closed. */
    public synchronized void release(int port) {
        inUse.clear(port);
    }

    /** Ports currently handed out. */
    public synchronized int inUseCount() {
        return inUse.cardinality();
    }
}
