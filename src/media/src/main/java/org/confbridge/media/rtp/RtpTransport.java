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

    /**
     * The session's remote SDP address or signalling address changed (any thread): a transport that
     * shares its socket between sessions finds them by source address and must re-index this one.
     */
    default void sourcesChanged() {
    }

    /** Releases the port. Idempotent. */
    @Override
    void close();
}
