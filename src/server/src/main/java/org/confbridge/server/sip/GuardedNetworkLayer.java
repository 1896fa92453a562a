package org.confbridge.server.sip;

import gov.nist.core.net.DefaultNetworkLayer;
import gov.nist.core.net.NetworkLayer;
import gov.nist.javax.sip.SipStackImpl;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * The SIP stack's sockets ({@code gov.nist.javax.sip.NETWORK_LAYER} in the stack properties) with limits on
 * accepted TCP connections, which the stack itself lacks:
 * <ul>
 *   <li>at most {@code sip.tcp.max.connections.per.source} connections from one address: a further one is
 *       closed at once (the stack's own {@code MAX_CONNECTIONS} caps the total);</li>
 *   <li>a connection that sends nothing within {@code sip.tcp.read.timeout.ms} of being accepted is closed;
 *       once it has spoken, it is closed after {@code sip.tcp.idle.timeout.seconds} without a byte.</li>
 * </ul>
 * Every SIP message the server sends passes through its sockets here, where {@link SipResponsesSent} counts
 * the responses. TLS is the stack's default network layer. Settings are read from the published
 * {@code confbridge.*} system properties when the stack creates this class.
 */
public final class GuardedNetworkLayer implements NetworkLayer {

    private static final Logger LOG = Logger.getLogger(GuardedNetworkLayer.class.getName());

    private final NetworkLayer delegate = DefaultNetworkLayer.SINGLETON;
    private final int perSource = (int) setting("sip.tcp.max.connections.per.source", 20);
    private final int firstByteMillis = (int) setting("sip.tcp.read.timeout.ms", 10_000);
    private final int idleMillis = (int) (setting("sip.tcp.idle.timeout.seconds", 1800) * 1000);
    private final Map<InetAddress, AtomicInteger> connections = new ConcurrentHashMap<>();
    private final SipResponsesSent responses = new SipResponsesSent().publish();

    private static long setting(String key, long fallback) {
        String value = System.getProperty("confbridge." + key);
        return value == null || value.isBlank() ? fallback : Long.parseLong(value.trim());
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        return new GuardedServerSocket(port, backlog, bindAddress);
    }

    /** Accepts connections the limits allow; the others are closed before the stack sees them. */
    private final class GuardedServerSocket extends ServerSocket {

        GuardedServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
            super(port, backlog, bindAddress);
        }

        @Override
        public Socket accept() throws IOException {
            while (true) {
                CountedSocket socket = new CountedSocket();
                implAccept(socket);
                InetAddress source = socket.getInetAddress();
                AtomicInteger count = connections.computeIfAbsent(source, a -> new AtomicInteger());
                if (count.incrementAndGet() > perSource) {
                    count.decrementAndGet();
                    LOG.fine(() -> "SIP over TCP: more than " + perSource + " connections from " + source + ", closed");
                    socket.closeUncounted();
                    continue;
                }
                socket.counted(source);
                socket.setSoTimeout(firstByteMillis);
                return socket;
            }
        }
    }

    /** An accepted connection: counted per source until closed; idle timeout from its first byte on. */
    private final class CountedSocket extends MeteredSockets.Stream {
        private InetAddress source;
        private volatile boolean spoke;
        private InputStream in;

        CountedSocket() {
            super(responses);
        }

        void counted(InetAddress source) {
            this.source = source;
        }

        void closeUncounted() throws IOException {
            super.close();
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = new FilterInputStream(super.getInputStream()) {
                    @Override
                    public int read() throws IOException {
                        int b = super.read();
                        spoke(b >= 0 ? 1 : 0);
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = super.read(buffer, offset, length);
                        spoke(n);
                        return n;
                    }
                };
            }
            return in;
        }

        private void spoke(int bytes) throws SocketException {
            if (bytes > 0 && !spoke) {
                spoke = true;
                setSoTimeout(idleMillis);
            }
        }

        @Override
        public synchronized void close() throws IOException {
            if (source != null) {
                AtomicInteger count = connections.get(source);
                if (count != null && count.decrementAndGet() <= 0) {
                    connections.remove(source, count);
                }
                source = null;
            }
            super.close();
        }
    }

    @Override
    public SSLServerSocket createSSLServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        return delegate.createSSLServerSocket(port, backlog, bindAddress);
    }

    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        return createSocket(address, port, null, 0);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress myAddress) throws IOException {
        return createSocket(address, port, myAddress, 0);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress myAddress, int myPort) throws IOException {
        Socket socket = new MeteredSockets.Stream(responses);
        try {
            if (myAddress != null || myPort != 0) {
                socket.bind(new InetSocketAddress(myAddress, myPort));
            }
            socket.connect(new InetSocketAddress(address, port));
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port) throws IOException {
        return delegate.createSSLSocket(address, port);
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port, InetAddress myAddress) throws IOException {
        return delegate.createSSLSocket(address, port, myAddress);
    }

    @Override
    public DatagramSocket createDatagramSocket() throws SocketException {
        return new MeteredSockets.Datagram(responses);
    }

    @Override
    public DatagramSocket createDatagramSocket(int port, InetAddress bindAddress) throws SocketException {
        if (bindAddress != null && bindAddress.isMulticastAddress()) {
            return delegate.createDatagramSocket(port, bindAddress); // not used by the conference server
        }
        return new MeteredSockets.Datagram(responses, port, bindAddress);
    }

    @Override
    public void setSipStack(SipStackImpl sipStack) {
        delegate.setSipStack(sipStack);
    }
}
