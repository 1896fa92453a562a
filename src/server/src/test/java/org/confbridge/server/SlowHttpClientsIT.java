package org.confbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Slowloris: hundreds of clients that open a connection and trickle their request headers a byte at a time
 * must not take the REST API or the health check down (Tomcat's blocking connector gave each one a thread).
 */
@ExtendWith(SharedServer.class)
class SlowHttpClientsIT {

    private static final int SLOW_CLIENTS = 300;

    @Test
    void restAndHealthAnswerQuicklyWhileSlowClientsTrickleHeaders(RunningServer server) throws Exception {
        List<Socket> slow = new ArrayList<>();
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int i = 0; i < SLOW_CLIENTS; i++) {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.httpPort());
                socket.getOutputStream().write(("GET /api/ver1.0/health HTTP/1.1\r\nHost: x\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                slow.add(socket);
            }
            trickle.scheduleAtFixedRate(() -> slow.forEach(SlowHttpClientsIT::oneMoreByte), 0, 500, TimeUnit.MILLISECONDS);

            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                        + "/api/ver1.0/health")).timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/oauth/token"))
                        .timeout(Duration.ofSeconds(3)).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id="
                                + RunningServer.ADMIN_CLIENT_ID + "&client_secret=" + RunningServer.ADMIN_CLIENT_SECRET))
                        .build(), HttpResponse.BodyHandlers.ofString());
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
                assertThat(took).as("health + token while " + SLOW_CLIENTS + " slow clients are connected")
                        .isLessThan(Duration.ofSeconds(2));
            }
        } finally {
            trickle.shutdownNow();
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    private static void oneMoreByte(Socket socket) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write('X');
            out.flush();
        } catch (IOException e) {
            // the server closed it: fine
        }
    }
}
