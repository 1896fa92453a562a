package org.confbridge.server.sip;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;

/** Sockets that show every outgoing SIP message to {@link SipResponsesSent} before it leaves. */
final class MeteredSockets {

    private MeteredSockets() {
    }

    /** A UDP socket: one datagram is one message. */
    static final class Datagram extends DatagramSocket {
        private final SipResponsesSent responses;

        Datagram(SipResponsesSent responses) throws SocketException {
            this.responses = responses;
        }

        Datagram(SipResponsesSent responses, int port, InetAddress bindAddress) throws SocketException {
            super(port, bindAddress);
            this.responses = responses;
        }

        @Override
        public void send(DatagramPacket packet) throws IOException {
            responses.onSent(packet.getData(), packet.getOffset(), packet.getLength());
            super.send(packet);
        }
    }

    /** A TCP connection: the stack writes each message with one write (in 8 KB chunks for big ones). */
    static class Stream extends Socket {
        private final SipResponsesSent responses;
        private OutputStream out;

        Stream(SipResponsesSent responses) {
            this.responses = responses;
        }

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (out == null) {
                out = new FilterOutputStream(super.getOutputStream()) {
                    @Override
                    public void write(byte[] data, int offset, int length) throws IOException {
                        responses.onSent(data, offset, length);
                        out.write(data, offset, length); // the wrapped stream at once, not byte by byte
                    }
                };
            }
            return out;
        }
    }
}
