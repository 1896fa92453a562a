package org.confbridge.interfaces.sip;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A UDP port from the configured RTP range, bound for the life of the call so the port named in our
 * SDP answer really is ours. The media engine takes over this socket's role when it is wired in.
 */
final class RtpPortReservation implements AutoCloseable {

    private final DatagramSocket socket;

    private RtpPortReservation(DatagramSocket socket) {
        this.socket = socket;
    }

    /** Binds an even port (RTP convention) of [min, max] on {@code address}. */
    static RtpPortReservation reserve(InetAddress address, int min, int max) throws IOException {
        int evenSlots = (max - min) / 2 + 1;
        int start = ThreadLocalRandom.current().nextInt(evenSlots);
        for (int i = 0; i < evenSlots; i++) {
            int port = min + ((start + i) % evenSlots) * 2;
            DatagramSocket socket = new DatagramSocket(null);
            try {
                socket.bind(new InetSocketAddress(address, port));
                return new RtpPortReservation(socket);
            } catch (SocketException taken) {
                socket.close();
            }
        }
        throw new IOException("no free RTP port in " + min + "-" + max + " on " + address.getHostAddress());
    }

    int port() {
        return socket.getLocalPort();
    }

    @Override
    public void close() {
        socket.close();
    }
}
