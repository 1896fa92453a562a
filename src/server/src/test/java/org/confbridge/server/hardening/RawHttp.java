package org.confbridge.server.hardening;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * HTTP/1.1 requests sent from a chosen loopback source address (127.x.y.z: Linux routes all of
 * 127/8 to the loopback interface), so a test can play an attacker at one address and a normal
 * client at another against a server listening on 127.0.0.1.
 */
final class RawHttp {

    /** One answer: status, headers (lower-case names), body. */
    record Answer(int status, Map<String, String> headers, String body, long millis) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() {
    }

    /** A random loopback address other than 127.0.0.1 (differs per test run, so reruns start clean). */
    static InetAddress randomLoopbackSource() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        try {
            return InetAddress.getByAddress(new byte[] {127, (byte) r.nextInt(2, 250), (byte) r.nextInt(1, 250),
                (byte) r.nextInt(2, 250)});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code POST /oauth/token} with the client credentials grant, from {@code source}. */
    static Answer tokenRequest(int port, InetAddress source, String clientId, String secret) {
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return post(port, source, "/oauth/token", "application/x-www-form-urlencoded", form);
    }

    static Answer post(int port, InetAddress source, String path, String contentType, String body) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + content.length + "\r\nConnection: close\r\n\r\n";
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(30_000);
            socket.bind(new InetSocketAddress(source, 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            return parse(socket.getInputStream(), start);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Answer parse(InputStream in, long start) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        long millis = (System.nanoTime() - start) / 1_000_000;
        String text = all.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        String body = text.substring(end + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Answer(status, headers, body, millis);
    }

    private static String dechunk(String body) {
        StringBuilder out = new StringBuilder();
        int pos = 0;
        while (pos < body.length()) {
            int nl = body.indexOf("\r\n", pos);
            int size = Integer.parseInt(body.substring(pos, nl).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(body, nl + 2, nl + 2 + size);
            pos = nl + 2 + size + 2;
        }
        return out.toString();
    }
}
