package org.confbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Start-up failures and stopping, as an operator sees them (exit code, log). */
class LifecycleIT {

    @Test
    void sipPortInUseIsReportedAndTheServerExitsNonZero() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();
            RunningServer server = RunningServer.launch(RunningServer.env("CONF_SIP_PORT", String.valueOf(port)),
                    List.of());
            int exit = server.awaitExit(Duration.ofSeconds(60));

            assertThat(exit).isEqualTo(2);
            assertThat(server.output()).contains("cannot listen for SIP (CONF_SIP_PORT) over TCP on 127.0.0.1:" + port);
        }
    }

    @Test
    void httpPortInUseIsReportedAndTheServerExitsNonZero() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();
            RunningServer server = RunningServer.launch(RunningServer.env("CONF_HTTP_PORT", String.valueOf(port)),
                    List.of());

            assertThat(server.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
            assertThat(server.output()).contains("cannot listen for HTTP (CONF_HTTP_PORT) on 127.0.0.1:" + port);
        }
    }

    @Test
    void invalidConfigurationIsReportedClearly() {
        RunningServer server = RunningServer.launch(RunningServer.env("CONF_DB_URL", "jdbc:mysql://db/x"), List.of());

        assertThat(server.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
        assertThat(server.output()).contains("CONF_DB_URL must be an H2 (jdbc:h2:) or PostgreSQL (jdbc:postgresql:) URL");
    }

    @Test
    void sigtermStopsCleanlyWithinSecondsAndTheLogSaysSo() throws IOException {
        RunningServer server = RunningServer.start(RunningServer.env());
        assertThat(server.get("/api/ver1.0/health").statusCode()).isEqualTo(200);

        long start = System.nanoTime();
        int exit = server.stop(Duration.ofSeconds(20));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(exit).as("exit status after SIGTERM (128 + 15)").isEqualTo(143);
        assertThat(took).isLessThan(Duration.ofSeconds(10));
        String fileLog = Files.readString(server.dataDir().resolve("logs/confbridge.log"));
        assertThat(fileLog).contains("Stop requested").contains("confbridge stopped");
        assertThat(server.output()).doesNotContain("SEVERE");
    }
}
