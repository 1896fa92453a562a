package org.confbridge.server.sip;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A deliberately crude SIP client over UDP for attacks: it writes requests by hand (so it can write
 * broken ones) and reads what comes back. One socket per instance, bound to a loopback address of the
 * test's choice (127.0.0.x are all loopback on Linux: several "sources" on one machine).
 */
final class RawSip implements AutoCloseable {

    private final DatagramSocket socket;
    private final int serverPort;

    RawSip(String localAddress, int serverPort) throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
        this.serverPort = serverPort;
    }

    String localAddress() {
        return socket.getLocalAddress().getHostAddress();
    }

    int localPort() {
        return socket.getLocalPort();
    }

    /** A request the test writes; {@code %LOCAL%} in it becomes this socket's address:port. */
    static final class Request {
        final String method;
        final String callId;
        final String fromTag;
        String uri;
        String version = "SIP/2.0";
        String contact = "<sip:raw@%LOCAL%>";
        String contentType = "application/sdp";
        String body = "";
        int cseq = 1;
        String toTag;
        final List<String> extra = new ArrayList<>();

        Request(String method, String uri) {
            this.method = method;
            this.uri = uri;
            this.callId = ThreadLocalRandom.current().nextLong(1L << 40) + "@raw";
            this.fromTag = "t" + ThreadLocalRandom.current().nextInt(1 << 30);
        }

        /** A request in the dialog of {@code invite}. */
        Request(String method, Request invite) {
            this.method = method;
            this.uri = invite.uri;
            this.callId = invite.callId;
            this.fromTag = invite.fromTag;
            this.cseq = method.equals("ACK") ? invite.cseq : invite.cseq + 1;
        }

        String text(String local) {
            StringBuilder b = new StringBuilder();
            b.append(method).append(' ').append(uri).append(' ').append(version).append("\r\n");
            b.append("Via: SIP/2.0/UDP ").append(local).append(";branch=z9hG4bK")
                    .append(ThreadLocalRandom.current().nextLong(1L << 40)).append(";rport\r\n");
            b.append("Max-Forwards: 70\r\n");
            b.append("From: <sip:raw@").append(local).append(">;tag=").append(fromTag).append("\r\n");
            b.append("To: <").append(uri).append(">").append(toTag == null ? "" : ";tag=" + toTag).append("\r\n");
            b.append("Call-ID: ").append(callId).append("\r\n");
            b.append("CSeq: ").append(cseq).append(' ').append(method).append("\r\n");
            if (contact != null) {
                b.append("Contact: ").append(contact.replace("%LOCAL%", local)).append("\r\n");
            }
            extra.forEach(h -> b.append(h).append("\r\n"));
            if (!body.isEmpty()) {
                b.append("Content-Type: ").append(contentType).append("\r\n");
            }
            b.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n\r\n");
            return b.append(body).toString();
        }
    }

    static String sdp(String address, int port) {
        return "v=0\r\no=- 1 1 IN IP4 " + address + "\r\ns=-\r\nc=IN IP4 " + address + "\r\nt=0 0\r\n"
                + "m=audio " + port + " RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n";
    }

    void send(Request request) throws IOException {
        byte[] bytes = request.text(localAddress() + ":" + localPort()).getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), serverPort));
    }

    /** The next message received within {@code timeout}, or null. */
    String receive(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        byte[] buffer = new byte[65535];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(packet);
            return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    /** Sends {@code request} and returns the final response (status line and headers), or null. */
    String finalResponse(Request request, Duration timeout) throws IOException {
        send(request);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String message = receive(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
            if (message == null) {
                return null;
            }
            if (message.startsWith("SIP/2.0 ") && status(message) >= 200 && message.contains(request.callId)) {
                return message;
            }
        }
        return null;
    }

    static int status(String response) {
        return Integer.parseInt(response.substring(8, 11));
    }

    static String header(String message, String name) {
        for (String line : message.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    /** ACK for a 2xx to our INVITE (the To tag of the answer). */
    void ack(Request invite, String answer) throws IOException {
        Request ack = new Request("ACK", invite);
        ack.toTag = toTag(answer);
        send(ack);
    }

    static String toTag(String response) {
        String to = header(response, "To");
        return to.substring(to.indexOf("tag=") + 4).split(";")[0];
    }

    /** Sends {@code request} over a new TCP connection and returns the first final response, or null. */
    static String overTcp(Request request, int serverPort, Duration timeout) throws IOException {
        try (java.net.Socket tcp = new java.net.Socket(InetAddress.getLoopbackAddress(), serverPort)) {
            tcp.setSoTimeout((int) timeout.toMillis());
            String local = tcp.getLocalAddress().getHostAddress() + ":" + tcp.getLocalPort();
            String text = request.text(local).replace("SIP/2.0/UDP", "SIP/2.0/TCP")
                    .replace("<sip:raw@" + local + ">", "<sip:raw@" + local + ";transport=tcp>");
            tcp.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
            java.io.BufferedReader in = new java.io.BufferedReader(
                    new java.io.InputStreamReader(tcp.getInputStream(), StandardCharsets.UTF_8));
            try {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("SIP/2.0 ") && Integer.parseInt(line.substring(8, 11)) >= 200) {
                        return line;
                    }
                }
            } catch (SocketTimeoutException e) {
                return null;
            }
            return null;
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
