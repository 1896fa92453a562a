package org.confbridge.media.rtp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.util.BitSet;
import java.util.Random;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands out UDP sockets on even ports of a configured range (RTP on even ports, RFC 3550 11),
 * each chosen at random among the free ones (a {@link SecureRandom}), so that nobody can predict
 * the port of the next call from the last one, and a just-released port is unlikely to be reused
 * at once (late packets of the old call would reach the new one). Thread-safe; called at call
 * set-up and tear-down, never in the media path.
 */
public final class RtpPortAllocator {
    private static final Logger LOG = Logger.getLogger(RtpPortAllocator.class.getName());

    private static final int RANDOM_PICKS = 32;

    private final InetAddress bindAddress;
    private final int minPort;
    private final int maxPort;
    private final int evenPorts;
    private final BitSet inUse = new BitSet(65536);
    private final Random random;

    /**
     * @param bindAddress the local address to bind (the wildcard for all interfaces)
     * @param minPort first port of the range (rounded up to even)
     * @param maxPort last port of the range
     */
    public RtpPortAllocator(InetAddress bindAddress, int minPort, int maxPort) {
        this(bindAddress, minPort, maxPort, new SecureRandom());
    }

    RtpPortAllocator(InetAddress bindAddress, int minPort, int maxPort, Random random) {
        if (minPort < 1024 || maxPort > 65535 || minPort > maxPort) {
            throw new IllegalArgumentException("bad RTP port range " + minPort + "-" + maxPort);
        }
        this.bindAddress = bindAddress;
        this.minPort = minPort + (minPort & 1);
        this.maxPort = maxPort;
        if (this.minPort > maxPort) {
            throw new IllegalArgumentException("RTP port range " + minPort + "-" + maxPort + " holds no even port");
        }
        this.evenPorts = (maxPort - this.minPort) / 2 + 1;
        this.random = random;
    }

    /** Opens a non-blocking UDP channel bound to a free port of the range. */
    public synchronized DatagramChannel open() throws IOException {
        // Uniform random picks first (unbiased while the range is not crowded), then, so that a
        // nearly full range still finds its last free ports, a walk from a random start.
        for (int attempt = 0; attempt < RANDOM_PICKS; attempt++) {
            DatagramChannel channel = tryBind(minPort + 2 * random.nextInt(evenPorts));
            if (channel != null) {
                return channel;
            }
        }
        int start = random.nextInt(evenPorts);
        for (int attempt = 0; attempt < evenPorts; attempt++) {
            DatagramChannel channel = tryBind(minPort + 2 * ((start + attempt) % evenPorts));
            if (channel != null) {
                return channel;
            }
        }
        throw new IOException("no free RTP port in " + minPort + "-" + maxPort);
    }

    /** A channel bound to {@code port}, or null if we handed it out already or another process holds it. */
    private DatagramChannel tryBind(int port) throws IOException {
        if (inUse.get(port)) {
            return null;
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
            channel.close(); // taken by someone else: try another one
            LOG.log(Level.FINE, "RTP port {0} busy", port);
            return null;
        }
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
