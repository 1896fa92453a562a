package org.confbridge.testkit;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.text.ParseException;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.ObjectInUseException;
import javax.sip.SipException;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.AllowHeader;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * One JAIN-SIP stack with a UDP and a TCP listening point on the same free port, and the factories to
 * build messages. Each endpoint's stack has its own STACK_NAME and is built directly (not through
 * SipFactory, whose static cache would keep every stopped stack alive), so many phones share a JVM.
 */
final class SipEndpoint implements AutoCloseable {

    static final String ALLOWED_METHODS = "INVITE, ACK, CANCEL, BYE, INFO, OPTIONS";

    private static final Logger LOG = Logger.getLogger(SipEndpoint.class.getName());
    private static final int PORT_ATTEMPTS = 20;

    final AddressFactory addresses = new AddressFactoryImpl();
    final HeaderFactory headers = new HeaderFactoryImpl();
    final MessageFactory messages = new MessageFactoryImpl();
    final String host;
    /** The host as written in a SIP URI: IPv6 literals in brackets (RFC 3261 25.1). */
    final String uriHost;
    final int port;
    /** The TLS listening port, 0 without TLS. */
    final int tlsPort;
    final SipProvider provider;
    private final SipStack stack;
    private final SipListener listener;

    private SipEndpoint(String host, int port, int tlsPort, SipStack stack, SipProvider provider, SipListener listener) {
        this.host = host;
        this.uriHost = host.contains(":") ? "[" + host + "]" : host;
        this.port = port;
        this.tlsPort = tlsPort;
        this.stack = stack;
        this.provider = provider;
        this.listener = listener;
    }

    static SipEndpoint open(String host, SipListener listener, TlsSetup tls) throws IOException {
        InetAddress address = InetAddress.getByName(host);
        String literal = address.getHostAddress();
        IOException last = null;
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            int port = freeUdpAndTcpPort(address);
            int tlsPort = tls == null ? 0 : freeTcpPort(address);
            SipStack stack = newStack(literal + ":" + port, tls);
            try {
                ListeningPoint udp = stack.createListeningPoint(literal, port, ListeningPoint.UDP);
                ListeningPoint tcp = stack.createListeningPoint(literal, port, ListeningPoint.TCP);
                SipProvider provider = stack.createSipProvider(udp);
                provider.addListeningPoint(tcp);
                if (tls != null) {
                    provider.addListeningPoint(stack.createListeningPoint(literal, tlsPort, ListeningPoint.TLS));
                }
                provider.addSipListener(listener);
                stack.start();
                return new SipEndpoint(literal, port, tlsPort, stack, provider, listener);
            } catch (SipException | InvalidArgumentException | java.util.TooManyListenersException | RuntimeException e) {
                // most likely someone took the port between the probe and the bind: try another
                stack.stop();
                last = new IOException("cannot listen on " + literal + ":" + port + ": " + e.getMessage(), e);
            }
        }
        throw last;
    }

    private static SipStack newStack(String where, TlsSetup tls) throws IOException {
        Properties p = new Properties();
        if (tls != null) {
            tls.configure(p);
        }
        p.setProperty("javax.sip.STACK_NAME", "testphone-" + where + "-" + UUID.randomUUID());
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
        // log through log4j at whatever level the host test configures (silent by default)
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "LOG4J");
        p.setProperty("gov.nist.javax.sip.LOG4J_LOGGER_NAME", "org.confbridge.testkit.jainsip");
        p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "true");
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "false");
        // one UDP reader, so messages are handled in arrival order like a real phone does: with several, a 200
        // read before its 180 ends the transaction and the stack drops the late 180
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "1");
        p.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
        try {
            return new SipStackImpl(p);
        } catch (javax.sip.PeerUnavailableException e) {
            throw new IOException("cannot create JAIN-SIP stack", e);
        }
    }

    private static int freeUdpAndTcpPort(InetAddress address) throws IOException {
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(address, 0))) {
                int port = udp.getLocalPort();
                try (ServerSocket tcp = new ServerSocket()) {
                    tcp.setReuseAddress(true);
                    tcp.bind(new InetSocketAddress(address, port));
                    return port;
                } catch (IOException busy) {
                    // TCP side taken: next candidate
                }
            }
        }
        throw new IOException("no port free for both UDP and TCP on " + address);
    }

    private static int freeTcpPort(InetAddress address) throws IOException {
        try (ServerSocket tcp = new ServerSocket(0, 1, address)) {
            return tcp.getLocalPort();
        }
    }

    // ---- message building ----------------------------------------------------------------------------

    SipURI localUri(String user, String transport) throws ParseException {
        SipURI uri = addresses.createSipURI(user, uriHost);
        uri.setPort(portFor(transport));
        if (ListeningPoint.TCP.equalsIgnoreCase(transport) || ListeningPoint.TLS.equalsIgnoreCase(transport)) {
            uri.setTransportParam(transport.toLowerCase(java.util.Locale.ROOT));
        }
        return uri;
    }

    /** The port this endpoint listens on for {@code transport}. */
    int portFor(String transport) {
        if (ListeningPoint.TLS.equalsIgnoreCase(transport)) {
            if (tlsPort == 0) {
                throw new IllegalStateException("this phone was started without TLS (TestPhone.start(TlsSetup))");
            }
            return tlsPort;
        }
        return port;
    }

    ContactHeader contact(String user, String transport) throws ParseException {
        return headers.createContactHeader(addresses.createAddress(localUri(user, transport)));
    }

    Request invite(String target, CallOptions options, String fromTag, String sdpOffer) throws ParseException {
        URI requestUri = addresses.createURI(target);
        if (!(requestUri instanceof SipURI)) {
            throw new IllegalArgumentException("not a sip: URI: " + target);
        }
        SipURI sipUri = (SipURI) requestUri;
        String transport = options.transport().jainName();
        if (options.transport() != SipTransport.UDP && sipUri.getTransportParam() == null && !sipUri.isSecure()) {
            sipUri.setTransportParam(transport); // the router picks the transport from the R-URI
        }
        SipURI fromUri = addresses.createSipURI(options.fromUser(), uriHost);
        Address fromAddress = addresses.createAddress(fromUri);
        if (options.fromDisplayName() != null) {
            fromAddress.setDisplayName(options.fromDisplayName());
        }
        SipURI toUri = (SipURI) sipUri.clone();
        toUri.removeParameter("transport");
        try {
            FromHeader from = headers.createFromHeader(fromAddress, fromTag);
            ToHeader to = headers.createToHeader(addresses.createAddress(toUri), null);
            CallIdHeader callId = provider.getNewCallId();
            CSeqHeader cseq = headers.createCSeqHeader(1L, Request.INVITE);
            ViaHeader via = headers.createViaHeader(uriHost, portFor(transport), transport, null);
            MaxForwardsHeader maxForwards = headers.createMaxForwardsHeader(70);
            Request invite = messages.createRequest(sipUri, Request.INVITE, callId, cseq, from, to, List.of(via), maxForwards);
            invite.addHeader(contact(options.fromUser(), transport));
            invite.addHeader(allow());
            invite.addHeader(headers.createUserAgentHeader(List.of("confbridge-testphone")));
            if (sdpOffer != null) {
                invite.setContent(sdpOffer, sdpContentType());
            }
            return invite;
        } catch (InvalidArgumentException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A response carrying our To tag and Contact (for dialog-creating responses). */
    Response response(int status, Request request, String toTag, String transport) throws ParseException {
        Response response = messages.createResponse(status, request);
        ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
        if (toTag != null && to.getTag() == null) {
            to.setTag(toTag);
        }
        if (status < 300 && status > 100) {
            String user = ((SipURI) request.getRequestURI()).getUser();
            response.addHeader(contact(user == null ? "testphone" : user, transport));
            response.addHeader(allow());
        }
        return response;
    }

    AllowHeader allow() throws ParseException {
        return headers.createAllowHeader(ALLOWED_METHODS);
    }

    ContentTypeHeader sdpContentType() throws ParseException {
        return headers.createContentTypeHeader("application", "sdp");
    }

    ContentTypeHeader contentType(String type, String subType) throws ParseException {
        return headers.createContentTypeHeader(type, subType);
    }

    @Override
    public void close() {
        provider.removeSipListener(listener);
        for (ListeningPoint lp : provider.getListeningPoints()) {
            try {
                provider.removeListeningPoint(lp);
                stack.deleteListeningPoint(lp); // closes the socket now
            } catch (ObjectInUseException | RuntimeException e) {
                // JAIN-SIP's UDP processor throws an NPE when stopped before its thread ran, after
                // closing its socket: note it and go on with the next listening point
                LOG.log(Level.FINE, "listening point " + lp.getTransport() + " did not stop cleanly", e);
            }
        }
        // JAIN-SIP's stop() sleeps a fixed second before clearing its tables (and deleting the last
        // provider would call it too): run it on a daemon thread so closing a phone is quick.
        Thread stopper = new Thread(stack::stop, "testphone-sip-stop-" + port);
        stopper.setDaemon(true);
        stopper.start();
    }
}
