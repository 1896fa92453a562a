package org.confbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SIP over TCP under attack: many connections from one address, connections that never speak and a message
 * that never ends do not hold the server's threads; afterwards a normal caller over TCP gets through.
 */
class SipTcpLimitsIT {

    @Test
    void idleHalfSentAndExcessConnectionsAreClosedAndANormalCallStillWorks() throws Exception {
        try (RunningServer server = RunningServer.start(RunningServer.env("CONF_SIP_TCP_READ_TIMEOUT_MS", "2000",
                "CONF_SIP_TCP_MAX_CONNECTIONS_PER_SOURCE", "10"))) {
            String conference = new Provisioning(server).newConference();
            int threadsBefore = threads(server);
            List<Socket> attack = new ArrayList<>();
            try {
                for (int i = 0; i < 60; i++) {
                    attack.add(new Socket(InetAddress.getLoopbackAddress(), server.sipPort()));
                }
                Socket halfSent = attack.get(0);
                halfSent.getOutputStream().write(("INVITE sip:" + conference + "@127.0.0.1 SIP/2.0\r\n"
                        + "Via: SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bK-half\r\n").getBytes(StandardCharsets.US_ASCII));

                int most = 0;
                for (int i = 0; i < 15; i++) { // sampled while the server accepts and closes them
                    most = Math.max(most, threads(server));
                    Thread.sleep(100);
                }
                assertThat(most - threadsBefore).as("threads for 60 connections from one address")
                        .isLessThanOrEqualTo(2 * 10 + 5);
                for (Socket socket : attack) {
                    assertThat(closedByServerWithin(socket, Duration.ofSeconds(10))).as("connection closed").isTrue();
                }
            } finally {
                for (Socket socket : attack) {
                    socket.close();
                }
            }

            Sipp.Result call = Sipp.scenario("call.xml").dial(conference).transport(Sipp.Transport.TCP).run(server);
            assertThat(call.exitCode()).as(call.describe()).isZero();
        }
    }

    private static boolean closedByServerWithin(Socket socket, Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        InputStream in = socket.getInputStream();
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the server
        }
    }

    private static int threads(RunningServer server) throws IOException {
        try (var tasks = Files.list(Path.of("/proc/" + server.pid() + "/task"))) {
            return (int) tasks.count();
        }
    }
}
