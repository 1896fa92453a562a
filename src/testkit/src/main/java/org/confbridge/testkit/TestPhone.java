package org.confbridge.testkit;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A SIP phone for end-to-end tests, listening on UDP and TCP on one free port of a local address.
 *
 * <pre>{@code
 * try (TestPhone alice = TestPhone.start()) {
 *     Call call = alice.call("sip:1000@127.0.0.1:" + sipPort, CallOptions.defaults().sendingTone(440, -20));
 *     call.expectState(CallState.ANSWERED, Duration.ofSeconds(5));
 *     assertThat(call.audio().awaitTone(600, -30, Duration.ofSeconds(2))).isTrue();
 *     call.sendDigits("*1", DtmfMode.RFC4733);
 *     call.hangup();
 * }
 * }</pre>
 *
 * As a callee (the external phone or gateway), set a policy with {@link #onIncoming} and take the calls
 * with {@link #awaitIncomingCall}. OPTIONS, and INFO/BYE/re-INVITE within calls, are answered 200.
 */
public final class TestPhone implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TestPhone.class.getName());

    private final SipEndpoint sip;
    private final ScheduledExecutorService timers;
    private final Map<String, Call> calls = new ConcurrentHashMap<>();
    private final BlockingQueue<Call> incoming = new LinkedBlockingQueue<>();
    private final List<SipMessageRecord> requests = new ArrayList<>();
    private volatile IncomingPolicy policy = IncomingPolicy.reject(480);
    private volatile boolean closed;

    private TestPhone(String localAddress, TlsSetup tls) throws IOException {
        this.timers = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "testphone-timer");
            t.setDaemon(true);
            return t;
        });
        try {
            this.sip = SipEndpoint.open(localAddress, new Dispatcher(), tls);
        } catch (IOException | RuntimeException e) {
            timers.shutdownNow();
            throw e;
        }
    }

    /** A phone on 127.0.0.1. */
    public static TestPhone start() throws IOException {
        return start("127.0.0.1");
    }

    /** A phone on the given local address (e.g. "127.0.0.1"), on a free port for SIP UDP+TCP. */
    public static TestPhone start(String localAddress) throws IOException {
        return new TestPhone(localAddress, null);
    }

    /** A phone on 127.0.0.1 that also speaks SIP over TLS (its own port, {@link #sipTlsPort()}). */
    public static TestPhone start(TlsSetup tls) throws IOException {
        return new TestPhone("127.0.0.1", tls);
    }

    /** The phone's SIP over TLS port (0 without TLS). */
    public int sipTlsPort() {
        return sip.tlsPort;
    }

    /** A sip: URI reaching this phone over TLS, e.g. "sip:gateway@127.0.0.1:40124;transport=tls". */
    public String tlsUri(String user) {
        return "sip:" + user + "@" + sip.uriHost + ":" + sip.portFor("tls") + ";transport=tls";
    }

    /** The phone's SIP port (UDP and TCP). */
    public int sipPort() {
        return sip.port;
    }

    public String address() {
        return sip.host;
    }

    /** A SIP URI reaching this phone, e.g. "sip:gateway@127.0.0.1:40123" (the server's trunk setting). */
    public String uri(String user) {
        return "sip:" + user + "@" + sip.uriHost + ":" + sip.port;
    }

    /** Calls {@code target} (a sip: URI) with default options. */
    public Call call(String target) throws IOException {
        return call(target, CallOptions.defaults());
    }

    /** Sends an INVITE to {@code target}; returns at once, use {@link Call#expectState} to wait. */
    public Call call(String target, CallOptions options) throws IOException {
        requireOpen();
        return Call.placeOutgoing(sip, timers, target, options, call -> calls.put(call.callId(), call));
    }

    /** How the phone treats INVITEs from now on (until changed). Default: reject with 480. */
    public void onIncoming(IncomingPolicy newPolicy) {
        this.policy = newPolicy;
    }

    /** The next incoming call not yet taken, or null if none arrives within {@code timeout}. */
    public Call awaitIncomingCall(Duration timeout) throws InterruptedException {
        return incoming.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** All calls this phone has seen, both directions. */
    public List<Call> calls() {
        return List.copyOf(calls.values());
    }

    /** Every request received, in or out of calls (CANCEL and OPTIONS included), in arrival order. */
    public List<SipMessageRecord> requestsReceived() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /**
     * Ends live calls without waiting for the peer (BYE, CANCEL or 603 sent once), then closes the SIP
     * and RTP sockets and ends the phone's threads. Quick (milliseconds) even when the peer is gone;
     * JAIN-SIP's own internal threads finish about a second later in the background.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<CompletableFuture<?>> byes = new ArrayList<>();
        for (Call call : calls.values()) {
            byes.add(call.abandon());
        }
        try {
            // a short grace period so BYEs are answered before the sockets go (quiet, tidy peers)
            CompletableFuture.allOf(byes.toArray(new CompletableFuture<?>[0])).get(300, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.fine("not every BYE was answered before closing");
        }
        timers.shutdownNow();
        sip.close();
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("test phone closed");
        }
    }

    private static String callIdOf(javax.sip.message.Message message) {
        return ((CallIdHeader) message.getHeader(CallIdHeader.NAME)).getCallId();
    }

    /** The JAIN-SIP listener: routes events to calls by Call-ID; runs on the stack's thread. */
    private final class Dispatcher implements SipListener {

        @Override
        public void processRequest(RequestEvent event) {
            if (closed) {
                return; // queued before close(): the listening points are gone, nothing can answer
            }
            Request request = event.getRequest();
            synchronized (requests) {
                requests.add(SipMessageRecord.of(request));
            }
            ServerTransaction tx = event.getServerTransaction();
            if (tx == null && !Request.ACK.equals(request.getMethod())) {
                try {
                    tx = sip.provider.getNewServerTransaction(request);
                } catch (TransactionAlreadyExistsException e) {
                    return; // a retransmission the stack already handles
                } catch (SipException e) {
                    LOG.log(Level.WARNING, "cannot take request " + request.getMethod(), e);
                    return;
                }
            }
            Call call = calls.get(callIdOf(request));
            if (call == null && Request.INVITE.equals(request.getMethod())) {
                newIncomingCall(request, tx);
            } else if (call != null) {
                call.onRequest(request, tx);
            } else {
                respondOutOfDialog(request, tx);
            }
        }

        private void newIncomingCall(Request request, ServerTransaction tx) {
            if (closed) {
                respondOutOfDialog(request, tx);
                return;
            }
            IncomingPolicy current = policy;
            try {
                Call call = Call.acceptIncoming(sip, timers, request, tx, current);
                calls.put(call.callId(), call);
                incoming.add(call);
                timers.execute(() -> call.answerAccordingTo(current));
            } catch (IOException e) {
                LOG.log(Level.WARNING, "cannot set up incoming call", e);
                respond(tx, request, 500);
            }
        }

        private void respondOutOfDialog(Request request, ServerTransaction tx) {
            switch (request.getMethod()) {
                case Request.ACK:
                    return;
                case Request.OPTIONS:
                    respond(tx, request, 200);
                    return;
                case Request.INVITE:
                    respond(tx, request, 503);
                    return;
                default:
                    respond(tx, request, 481); // Call/Transaction Does Not Exist
            }
        }

        private void respond(ServerTransaction tx, Request request, int status) {
            if (tx == null) {
                return;
            }
            try {
                Response response = sip.messages.createResponse(status, request);
                if (status == 200) {
                    response.addHeader(sip.allow());
                }
                tx.sendResponse(response);
            } catch (Exception e) {
                LOG.log(Level.FINE, "cannot respond " + status, e);
            }
        }

        @Override
        public void processResponse(ResponseEvent event) {
            Response response = event.getResponse();
            Call call = calls.get(callIdOf(response));
            if (call != null) {
                call.onResponse(response, event.getClientTransaction(), event.getDialog());
            }
        }

        @Override
        public void processTimeout(TimeoutEvent event) {
            ClientTransaction tx = event.getClientTransaction();
            if (tx != null) {
                Call call = calls.get(callIdOf(tx.getRequest()));
                if (call != null) {
                    call.onTimeout(tx);
                }
            }
        }

        @Override
        public void processIOException(IOExceptionEvent event) {
            LOG.fine(() -> "SIP I/O error towards " + event.getHost() + ":" + event.getPort() + "/" + event.getTransport());
        }

        @Override
        public void processTransactionTerminated(TransactionTerminatedEvent event) {
            // nothing to clean up: calls keep their records for the test to read
        }

        @Override
        public void processDialogTerminated(DialogTerminatedEvent event) {
            // BYE handling ends calls; the dialog's end adds nothing a test needs
        }
    }
}
