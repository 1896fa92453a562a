package org.confbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What the operator finds in the log: nothing to worry about after a normal start and stop; bounded under attack. */
class LogHygieneIT {

    @Test
    void aStartAndStopLogNoWarningNoErrorAndNoStackTrace() {
        RunningServer server = RunningServer.start(RunningServer.env());
        assertThat(server.get("/api/ver1.0/health").statusCode()).isEqualTo(200);
        assertThat(server.stop(Duration.ofSeconds(20))).isEqualTo(143);

        for (String log : List.of(server.output(), server.fileLog())) {
            assertThat(log).contains("confbridge ready in").contains("confbridge stopped")
                    .doesNotContain("WARNING").doesNotContain("WARN ").doesNotContain("SEVERE")
                    .doesNotContain("ERROR").doesNotContain("Exception").doesNotContain("\tat ");
        }
        assertThat(server.output()).as("the ready line names the data directory, absolute")
                .contains(", data " + server.dataDir().toAbsolutePath());
    }

    @Test
    void aFloodOfUnparsableDatagramsKeepsTheLogSmallAndSummarized() throws IOException {
        RunningServer server = RunningServer.start(RunningServer.env("CONF_LOG_MAX_BYTES", "65536",
                "CONF_LOG_MAX_FILES", "2"));
        try {
            // Parsed far enough to fail on RSeq: the stack used to log its whole receive buffer (MAX_MESSAGE_SIZE, 16 KB)
            // in decimal.
            byte[] bad = ("INVITE sip:1000@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bK1\r\n"
                    + "From: <sip:a@b>;tag=1\r\nTo: <sip:1000@127.0.0.1>\r\nCall-ID: flood\r\nCSeq: 1 INVITE\r\n"
                    + "RSeq: -1\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            try (DatagramSocket socket = new DatagramSocket()) {
                for (int i = 0; i < 3000; i++) {
                    socket.send(new DatagramPacket(bad, bad.length, InetAddress.getLoopbackAddress(), server.sipPort()));
                }
            }
            awaitLog(server, "more messages from gov.nist.javax.sip not logged", Duration.ofSeconds(30));

            String log = server.fileLog();
            assertThat(log).contains("Error while processing incoming UDP packet[16384 bytes not logged]")
                    .doesNotContainPattern("\\[(\\d+, ){16}");
            try (Stream<Path> files = Files.list(server.dataDir().resolve("logs"))) {
                assertThat(files).as("at most CONF_LOG_MAX_FILES files of CONF_LOG_MAX_BYTES")
                        .allSatisfy(f -> assertThat(Files.size(f)).isLessThanOrEqualTo(65536))
                        .hasSizeLessThanOrEqualTo(2);
            }
            assertThat(server.output().length()).as("console output").isLessThan(65536);
            assertThat(server.get("/api/ver1.0/health").statusCode()).isEqualTo(200);
        } finally {
            server.close();
        }
    }

    private static void awaitLog(RunningServer server, String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!server.fileLog().contains(text)) {
            assertThat(System.nanoTime()).as("'" + text + "' in the log within " + timeout).isLessThan(deadline);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
