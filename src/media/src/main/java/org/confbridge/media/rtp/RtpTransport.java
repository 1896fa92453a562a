package org.confbridge.media.rtp;

import java.net.InetSocketAddress;

/**
 * Datagram I/O for one leg. The UDP implementation is {@link UdpRtpTransport}; tests may drive a
 * session in memory with their own. {@link #send} is called only from the mixer thread.
 */
public interface RtpTransport extends AutoCloseable {
    /** The local UDP port (what our SDP announces). */
    int localPort();

    /** Sends {@code data[0..length)} to {@code destination}; returns false on failure, never throws. */
    boolean send(byte[] data, int length, InetSocketAddress destination);

    /** Releases the port. Idempotent. */
    @Override
    void close();
}
