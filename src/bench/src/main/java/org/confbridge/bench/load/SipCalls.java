package org.confbridge.bench.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The signalling side of the simulated phones: one UDP socket that places INVITEs (with an SDP
 * offer for PCMU and telephone-event) with at most {@code window} outstanding, answers the 200 OK
 * with an ACK, and later hangs every call up with BYE. Retransmits per RFC 3261 timer A/E (T1 =
 * 500 ms, doubling) until a response arrives; a call without a final answer after
 * {@value #GIVE_UP_NANOS} ns fails. Answers every request the server sends (BYE, OPTIONS) with 200.
 * Single-threaded: all methods run on the caller's thread.
 */
final class SipCalls implements AutoCloseable {
    private static final long T1_NANOS = 500_000_000L;
    private static final long GIVE_UP_NANOS = 32_000_000_000L;

    /** Told when a call is answered: where the server wants its RTP. */
    interface AnswerListener {
        void answered(int phone, InetSocketAddress serverRtp) throws IOException;
    }

    private enum State { CALLING, PROCEEDING, CONFIRMED, FAILED, BYE_SENT, ENDED }

    private static final class Call {
        final int phone;
        final String callId;
        final String fromTag;
        final String extension;
        final int rtpPort;
        String inviteBranch;
        String toTag;
        String remoteTarget;
        byte[] lastRequest;
        long firstSentNanos;
        long lastSentNanos;
        long retransmitInterval = T1_NANOS;
        State state = State.CALLING;

        Call(int phone, String extension, int rtpPort) {
            this.phone = phone;
            this.extension = extension;
            this.rtpPort = rtpPort;
            this.callId = "load-" + phone + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
            this.fromTag = Long.toHexString(ThreadLocalRandom.current().nextLong());
        }
    }

    /** Outcome of the join phase. */
    record JoinResult(int answered, int failed, Map<Integer, Integer> failuresByStatus, long[] inviteToOkNanos,
            long firstInviteNanos, long lastAnswerNanos, long retransmissions) {
    }

    private final DatagramChannel channel;
    private final Selector selector;
    private final InetSocketAddress server;
    private final String local;
    private final ByteBuffer in = ByteBuffer.allocate(65536);
    private final ByteBuffer out = ByteBuffer.allocate(65536);
    private final Map<String, Call> calls = new HashMap<>();
    private final List<Call> ordered = new ArrayList<>();
    private long retransmissions;
    private long serverRequests;

    SipCalls(InetSocketAddress server) throws IOException {
        this.server = server;
        this.channel = DatagramChannel.open();
        channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        channel.configureBlocking(false);
        this.selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
        InetSocketAddress bound = (InetSocketAddress) channel.getLocalAddress();
        this.local = bound.getAddress().getHostAddress() + ":" + bound.getPort();
    }

    /**
     * Places one call per phone ({@code extensions[i]} for phone i, its RTP on {@code rtpPorts[i]}),
     * at most {@code window} INVITEs without a final answer at a time, and waits for all to end.
     */
    JoinResult join(String[] extensions, int[] rtpPorts, int window, AnswerListener listener) throws IOException {
        int n = extensions.length;
        Deque<Call> outstanding = new ArrayDeque<>();
        long[] latencies = new long[n];
        int answered = 0;
        int failed = 0;
        Map<Integer, Integer> failures = new HashMap<>();
        int next = 0;
        long first = System.nanoTime();
        long lastAnswer = first;
        int[] pending = {0};
        while (answered + failed < n) {
            while (pending[0] < window && next < n) {
                Call call = new Call(next, extensions[next], rtpPorts[next]);
                calls.put(call.callId, call);
                ordered.add(call);
                sendInvite(call);
                outstanding.add(call);
                pending[0]++;
                next++;
            }
            selector.select(5);
            selector.selectedKeys().clear();
            Response response;
            while ((response = receive()) != null) {
                long now = System.nanoTime(); // this response's own arrival (not when the select woke up)
                Call call = calls.get(response.header("call-id", "i"));
                if (call == null || !response.cseqMethod().equals("INVITE")) {
                    continue;
                }
                int status = response.status();
                if (status < 200) {
                    if (call.state == State.CALLING) {
                        call.state = State.PROCEEDING; // timer A stops on a provisional response (UDP)
                    }
                } else if (status < 300) {
                    if (call.toTag == null) {
                        call.toTag = tagOf(response.header("to", "t"));
                        call.remoteTarget = uriOf(response.header("contact", "m"));
                    }
                    sendAck(call); // also for a retransmitted 200: our ACK may have been lost
                    if (call.state == State.CALLING || call.state == State.PROCEEDING) {
                        call.state = State.CONFIRMED;
                        latencies[answered++] = now - call.firstSentNanos;
                        lastAnswer = now;
                        pending[0]--;
                        listener.answered(call.phone, sdpAddress(response.body()));
                    }
                } else {
                    call.toTag = tagOf(response.header("to", "t"));
                    sendNon2xxAck(call, response);
                    if (call.state == State.CALLING || call.state == State.PROCEEDING) {
                        call.state = State.FAILED;
                        failures.merge(status, 1, Integer::sum);
                        failed++;
                        pending[0]--;
                    }
                }
            }
            long now = System.nanoTime();
            for (var it = outstanding.iterator(); it.hasNext();) {
                Call call = it.next();
                if (call.state != State.CALLING && call.state != State.PROCEEDING) {
                    it.remove();
                } else if (now - call.firstSentNanos > GIVE_UP_NANOS) {
                    call.state = State.FAILED;
                    failures.merge(408, 1, Integer::sum);
                    failed++;
                    pending[0]--;
                    it.remove();
                } else if (call.state == State.CALLING && now - call.lastSentNanos > call.retransmitInterval) {
                    resend(call, now);
                }
            }
        }
        long[] sorted = Arrays.copyOf(latencies, answered);
        Arrays.sort(sorted);
        return new JoinResult(answered, failed, failures, sorted, first, lastAnswer, retransmissions);
    }

    /** Hangs up every answered call (at most {@code window} BYEs outstanding); returns how many got their 200. */
    int hangUpAll(int window, long timeoutNanos) throws IOException {
        List<Call> toEnd = new ArrayList<>();
        for (Call call : ordered) {
            if (call.state == State.CONFIRMED) {
                toEnd.add(call);
            }
        }
        int next = 0;
        int outstanding = 0;
        int ended = 0;
        long deadline = System.nanoTime() + timeoutNanos;
        List<Call> inFlight = new ArrayList<>();
        while ((next < toEnd.size() || outstanding > 0) && System.nanoTime() < deadline) {
            while (outstanding < window && next < toEnd.size()) {
                Call call = toEnd.get(next++);
                sendBye(call);
                inFlight.add(call);
                outstanding++;
            }
            selector.select(5);
            selector.selectedKeys().clear();
            Response response;
            while ((response = receive()) != null) {
                Call call = calls.get(response.header("call-id", "i"));
                if (call != null && call.state == State.BYE_SENT && response.cseqMethod().equals("BYE")
                        && response.status() >= 200) {
                    call.state = State.ENDED;
                    outstanding--;
                    ended++;
                }
            }
            long now = System.nanoTime();
            for (var it = inFlight.iterator(); it.hasNext();) {
                Call call = it.next();
                if (call.state != State.BYE_SENT) {
                    it.remove();
                } else if (now - call.lastSentNanos > call.retransmitInterval) {
                    resend(call, now);
                }
            }
        }
        return ended;
    }

    /** Requests the server sent us (answered 200), e.g. BYE after a media timeout. */
    long serverRequests() {
        return serverRequests;
    }

    /** Reads and answers what the server sent meanwhile (requests get 200); call now and then while idle. */
    void poll() throws IOException {
        while (receive() != null) {
            // responses outside a phase are late retransmissions: nothing to do
        }
    }

    private void sendInvite(Call call) throws IOException {
        call.inviteBranch = branch();
        String sdp = "v=0\r\n"
                + "o=load " + call.phone + " 1 IN IP4 127.0.0.1\r\n"
                + "s=-\r\n"
                + "c=IN IP4 127.0.0.1\r\n"
                + "t=0 0\r\n"
                + "m=audio " + call.rtpPort + " RTP/AVP 0 101\r\n"
                + "a=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\n"
                + "a=fmtp:101 0-15\r\n"
                + "a=ptime:20\r\n"
                + "a=sendrecv\r\n";
        String uri = "sip:" + call.extension + "@" + hostPort(server);
        String message = "INVITE " + uri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + local + ";branch=" + call.inviteBranch + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: \"Load " + call.phone + "\" <sip:load" + call.phone + "@" + local + ">;tag=" + call.fromTag + "\r\n"
                + "To: <" + uri + ">\r\n"
                + "Call-ID: " + call.callId + "\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Contact: <sip:load" + call.phone + "@" + local + ">\r\n"
                + "Content-Type: application/sdp\r\n"
                + "Content-Length: " + sdp.length() + "\r\n\r\n" + sdp;
        long now = System.nanoTime();
        call.firstSentNanos = now;
        send(call, message, now);
    }

    private void sendAck(Call call) throws IOException {
        String target = call.remoteTarget != null ? call.remoteTarget : "sip:" + call.extension + "@" + hostPort(server);
        String uri = "sip:" + call.extension + "@" + hostPort(server);
        String message = "ACK " + target + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + local + ";branch=" + branch() + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:load" + call.phone + "@" + local + ">;tag=" + call.fromTag + "\r\n"
                + "To: <" + uri + ">;tag=" + call.toTag + "\r\n"
                + "Call-ID: " + call.callId + "\r\n"
                + "CSeq: 1 ACK\r\n"
                + "Content-Length: 0\r\n\r\n";
        write(message);
    }

    private void sendNon2xxAck(Call call, Response response) throws IOException {
        String uri = "sip:" + call.extension + "@" + hostPort(server);
        String message = "ACK " + uri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + local + ";branch=" + call.inviteBranch + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:load" + call.phone + "@" + local + ">;tag=" + call.fromTag + "\r\n"
                + "To: " + response.header("to", "t") + "\r\n"
                + "Call-ID: " + call.callId + "\r\n"
                + "CSeq: 1 ACK\r\n"
                + "Content-Length: 0\r\n\r\n";
        write(message);
    }

    private void sendBye(Call call) throws IOException {
        String target = call.remoteTarget != null ? call.remoteTarget : "sip:" + call.extension + "@" + hostPort(server);
        String uri = "sip:" + call.extension + "@" + hostPort(server);
        String message = "BYE " + target + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + local + ";branch=" + branch() + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:load" + call.phone + "@" + local + ">;tag=" + call.fromTag + "\r\n"
                + "To: <" + uri + ">;tag=" + call.toTag + "\r\n"
                + "Call-ID: " + call.callId + "\r\n"
                + "CSeq: 2 BYE\r\n"
                + "Content-Length: 0\r\n\r\n";
        call.state = State.BYE_SENT;
        call.retransmitInterval = T1_NANOS;
        send(call, message, System.nanoTime());
    }

    private void send(Call call, String message, long now) throws IOException {
        call.lastRequest = message.getBytes(StandardCharsets.US_ASCII);
        call.lastSentNanos = now;
        write(call.lastRequest);
    }

    private void resend(Call call, long now) throws IOException {
        retransmissions++;
        call.lastSentNanos = now;
        call.retransmitInterval = Math.min(call.retransmitInterval * 2, 4_000_000_000L);
        write(call.lastRequest);
    }

    private void write(String message) throws IOException {
        write(message.getBytes(StandardCharsets.US_ASCII));
    }

    private void write(byte[] message) throws IOException {
        out.clear();
        out.put(message).flip();
        channel.send(out, server);
    }

    /** The next response (requests are answered here and skipped), or null when none is waiting. */
    private Response receive() throws IOException {
        while (true) {
            in.clear();
            if (channel.receive(in) == null) {
                return null;
            }
            String text = new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII);
            Response message = Response.parse(text);
            if (message == null) {
                continue;
            }
            if (message.isRequest()) {
                serverRequests++;
                if (!message.firstLine().startsWith("ACK")) {
                    write(message.okFor());
                }
                continue;
            }
            return message;
        }
    }

    private static InetSocketAddress sdpAddress(String sdp) {
        String host = null;
        int port = -1;
        for (String line : sdp.split("\r?\n")) {
            if (line.startsWith("c=IN IP4 ")) {
                host = line.substring(9).trim();
            } else if (line.startsWith("m=audio ")) {
                port = Integer.parseInt(line.split(" ")[1]);
            }
        }
        if (host == null || port <= 0) {
            throw new IllegalStateException("200 OK without a usable SDP answer: " + sdp);
        }
        return new InetSocketAddress(host, port);
    }

    private static String tagOf(String header) {
        if (header == null) {
            return null;
        }
        int at = header.toLowerCase(Locale.ROOT).indexOf(";tag=");
        if (at < 0) {
            return null;
        }
        String tag = header.substring(at + 5);
        int end = tag.indexOf(';');
        return (end < 0 ? tag : tag.substring(0, end)).trim();
    }

    private static String uriOf(String header) {
        if (header == null) {
            return null;
        }
        int open = header.indexOf('<');
        int close = header.indexOf('>');
        return open >= 0 && close > open ? header.substring(open + 1, close) : header.trim();
    }

    private static String branch() {
        return "z9hG4bK" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    private static String hostPort(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    @Override
    public void close() throws IOException {
        selector.close();
        channel.close();
    }

    /** A received SIP message, parsed just enough for the load run. */
    private record Response(String firstLine, Map<String, String> headers, String body) {
        static Response parse(String text) {
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            String body = split < 0 ? "" : text.substring(split + 4);
            String[] lines = head.split("\r\n");
            if (lines.length == 0 || lines[0].isEmpty()) {
                return null;
            }
            Map<String, String> headers = new HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
                    String value = lines[i].substring(colon + 1).trim();
                    headers.merge(name, value, (a, b) -> a + "\r\n" + name + ": " + b); // keeps every Via
                }
            }
            return new Response(lines[0], headers, body);
        }

        boolean isRequest() {
            return !firstLine.startsWith("SIP/2.0");
        }

        int status() {
            return Integer.parseInt(firstLine.substring(8, 11));
        }

        String header(String name, String compact) {
            String value = headers.get(name);
            return value != null ? value : headers.get(compact);
        }

        String cseqMethod() {
            String cseq = header("cseq", "cseq");
            return cseq == null ? "" : cseq.substring(cseq.indexOf(' ') + 1).trim();
        }

        /** A 200 OK for this request. */
        String okFor() {
            String via = header("via", "v");
            return "SIP/2.0 200 OK\r\n"
                    + "Via: " + via + "\r\n"
                    + "From: " + header("from", "f") + "\r\n"
                    + "To: " + header("to", "t") + "\r\n"
                    + "Call-ID: " + header("call-id", "i") + "\r\n"
                    + "CSeq: " + header("cseq", "cseq") + "\r\n"
                    + "Content-Length: 0\r\n\r\n";
        }
    }
}
