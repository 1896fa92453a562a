package org.confbridge.server.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Kamailio with the project's cluster configuration ({@code server-config/cluster/kamailio.cfg}) in front
 * of the given nodes, as a child process on 127.0.0.1:{@code port} (UDP and TCP).
 */
public final class Kamailio implements AutoCloseable {

    private static final List<String> BINARIES = List.of("/usr/sbin/kamailio", "/usr/local/sbin/kamailio");
    private static final Path CONFIG = Path.of("../../server-config/cluster/kamailio.cfg");

    private final Process process;
    private final Path log;
    private final int port;

    private Kamailio(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** The kamailio binary, when installed (Debian package {@code kamailio}). */
    public static Optional<Path> binary() {
        return BINARIES.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }

    /** Starts it dispatching to {@code nodes} ({@code host:port} each) and waits until it answers OPTIONS. */
    public static Kamailio start(int port, List<String> nodes) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("confbridge-kamailio-");
        Path list = dir.resolve("dispatcher.list");
        StringBuilder lines = new StringBuilder();
        for (String node : nodes) {
            lines.append("1 sip:").append(node).append('\n');
        }
        Files.writeString(list, lines);
        Path log = dir.resolve("kamailio.log");
        Process process = new ProcessBuilder(binary().orElseThrow().toString(), "-DD", "-E", "-m", "32", "-M", "4",
                "-f", CONFIG.toAbsolutePath().normalize().toString(), "-Y", dir.toString(),
                "-l", "udp:127.0.0.1:" + port, "-l", "tcp:127.0.0.1:" + port,
                "-A", "DISPATCHER_LIST=\"" + list + "\"")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Kamailio kamailio = new Kamailio(process, log, port);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("kamailio exited with " + process.exitValue() + ":\n" + kamailio.output());
            }
            if (kamailio.answersOptions()) {
                return kamailio;
            }
        }
        kamailio.close();
        throw new IllegalStateException("kamailio does not answer OPTIONS:\n" + kamailio.output());
    }

    public int port() {
        return port;
    }

    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One OPTIONS to the proxy itself, answered 200 within half a second. */
    private boolean answersOptions() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(500);
            String request = "OPTIONS sip:127.0.0.1:" + port + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + socket.getLocalPort() + ";branch=z9hG4bK" + System.nanoTime() + "\r\n"
                    + "Max-Forwards: 5\r\nFrom: <sip:probe@127.0.0.1>;tag=1\r\nTo: <sip:127.0.0.1:" + port + ">\r\n"
                    + "Call-ID: probe-" + System.nanoTime() + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
            byte[] bytes = request.getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
            byte[] buffer = new byte[2048];
            DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
            socket.receive(answer);
            return new String(buffer, 0, answer.getLength(), StandardCharsets.US_ASCII).startsWith("SIP/2.0 200");
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
