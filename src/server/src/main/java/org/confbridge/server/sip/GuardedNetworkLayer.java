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
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.confbridge.server.tls.ServerTls;

/**
 * The SIP stack's sockets ({@code gov.nist.javax.sip.NETWORK_LAYER} in the stack properties) with limits on
 * accepted TCP connections, which the stack itself lacks:
 * <ul>
 *   <li>at most {@code sip.tcp.max.connections.per.source} connections from one address: a further one is
 *       closed at once (the stack's own {@code MAX_CONNECTIONS} caps the total);</li>
 *   <li>a connection that sends nothing within {@code sip.tcp.read.timeout.ms} of being accepted is closed;
 *       once it has spoken, it is closed after {@code sip.tcp.idle.timeout.seconds} without a byte.</li>
 * </ul>
 * SIP over TLS gets the same limits, and speaks TLS 1.2/1.3 only with the identity of {@link ServerTls}.
 * Every SIP message the server sends over UDP and TCP passes through its sockets here, where
 * {@link SipResponsesSent} counts the responses (over TLS the bytes are encrypted at this layer: not counted).
 * Everything else is the stack's default network layer. Settings are read from the published
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
                if (admit(socket)) {
                    return socket;
                }
            }
        }
    }

    /**
     * The TLS listening point with the same limits: a connection is counted and timed before its handshake
     * (a client that never finishes one is closed like a silent TCP one), then TLS 1.2/1.3 is layered on it.
     */
    private final class GuardedSslServerSocket extends SSLServerSocket {
        private final SSLContext context;
        private final SSLParameters parameters;

        GuardedSslServerSocket(int port, int backlog, InetAddress bindAddress, SSLContext context) throws IOException {
            super(port, backlog, bindAddress);
            this.context = context;
            this.parameters = context.getDefaultSSLParameters();
            parameters.setProtocols(ServerTls.PROTOCOLS.toArray(new String[0]));
            parameters.setNeedClientAuth(false);
            parameters.setWantClientAuth(false);
        }

        @Override
        public Socket accept() throws IOException {
            while (true) {
                CountedSocket socket = new CountedSocket();
                implAccept(socket);
                if (!admit(socket)) {
                    continue;
                }
                SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket,
                        socket.getInetAddress().getHostAddress(), socket.getPort(), true);
                tls.setUseClientMode(false);
                synchronized (parameters) {
                    tls.setSSLParameters(parameters);
                }
                return tls;
            }
        }

        @Override
        public synchronized String[] getEnabledCipherSuites() {
            return parameters.getCipherSuites();
        }

        @Override
        public synchronized void setEnabledCipherSuites(String[] suites) {
            parameters.setCipherSuites(suites);
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return context.getSupportedSSLParameters().getCipherSuites();
        }

        @Override
        public String[] getSupportedProtocols() {
            return ServerTls.PROTOCOLS.toArray(new String[0]);
        }

        @Override
        public synchronized String[] getEnabledProtocols() {
            return parameters.getProtocols();
        }

        /** Only TLS 1.2 and 1.3 whatever the caller asks for (the stack passes its client protocol list). */
        @Override
        public synchronized void setEnabledProtocols(String[] protocols) {
            String[] allowed = java.util.Arrays.stream(protocols).filter(ServerTls.PROTOCOLS::contains)
                    .toArray(String[]::new);
            parameters.setProtocols(allowed.length == 0 ? ServerTls.PROTOCOLS.toArray(new String[0]) : allowed);
        }

        @Override
        public synchronized void setNeedClientAuth(boolean need) {
            parameters.setNeedClientAuth(need);
        }

        @Override
        public synchronized boolean getNeedClientAuth() {
            return parameters.getNeedClientAuth();
        }

        @Override
        public synchronized void setWantClientAuth(boolean want) {
            parameters.setWantClientAuth(want);
        }

        @Override
        public synchronized boolean getWantClientAuth() {
            return parameters.getWantClientAuth();
        }

        @Override
        public void setUseClientMode(boolean clientMode) {
            if (clientMode) {
                throw new IllegalArgumentException("a listening socket is a TLS server");
            }
        }

        @Override
        public boolean getUseClientMode() {
            return false;
        }

        @Override
        public void setEnableSessionCreation(boolean enabled) {
            // sessions are always created
        }

        @Override
        public boolean getEnableSessionCreation() {
            return true;
        }
    }

    /** Counts {@code socket} against its source's limit; false (and closed) when the source has too many. */
    private boolean admit(CountedSocket socket) throws IOException {
        InetAddress source = socket.getInetAddress();
        AtomicInteger count = connections.computeIfAbsent(source, a -> new AtomicInteger());
        if (count.incrementAndGet() > perSource) {
            count.decrementAndGet();
            LOG.fine(() -> "SIP over TCP/TLS: more than " + perSource + " connections from " + source + ", closed");
            socket.closeUncounted();
            return false;
        }
        socket.counted(source);
        socket.setSoTimeout(firstByteMillis);
        return true;
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
        return new GuardedSslServerSocket(port, backlog, bindAddress, tls());
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
        return clientMode((SSLSocket) tls().getSocketFactory().createSocket(address, port));
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port, InetAddress myAddress) throws IOException {
        return clientMode((SSLSocket) tls().getSocketFactory().createSocket(address, port, myAddress, 0));
    }

    /**
     * Towards a TLS peer (a trunk): TLS 1.2/1.3, its chain verified against the JDK's CAs and
     * {@code tls.trusted.certificates}. The stack hands over an address, not a name, so the certificate's name
     * is not matched (RFC 5922 domain checks are not done).
     */
    private static SSLSocket clientMode(SSLSocket socket) {
        socket.setUseClientMode(true);
        socket.setEnabledProtocols(ServerTls.PROTOCOLS.toArray(new String[0]));
        return socket;
    }

    private static SSLContext tls() throws IOException {
        return ServerTls.current().orElseThrow(() -> new IOException("SIP over TLS is off (CONF_SIP_TLS_PORT=0)"))
                .context();
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
