package org.confbridge.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.confbridge.interfaces.rest.ApiClient;
import org.confbridge.server.RunningServer;
import org.confbridge.server.SharedServer;
import org.confbridge.server.media.ConferenceFixture;
import org.confbridge.testkit.Call;
import org.confbridge.testkit.CallOptions;
import org.confbridge.testkit.TestPhone;
import org.confbridge.testkit.rtp.AudioSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 12, the live dashboard in real (headless) Chromium driven by Playwright: the conference with its two
 * calls appears, a phone's talking indicator lights when it starts sending a tone, and the page's Mute button
 * mutes it: the other phone stops hearing it. Needs node + npm and /usr/bin/chromium (or CHROMIUM), like
 * ApiBrowserIT.
 */
@ExtendWith(SharedServer.class)
class DashboardIT {

    private static final double BOB_HZ = 1100;
    private static final Duration HEAR = Duration.ofSeconds(8);
    private static final Path WORK = Path.of("target/dashboard-test");

    @Test
    void aCallAppearsLightsWhenTalkingAndTheMuteButtonMutesIt(RunningServer server) throws Exception {
        prepareNodeProject();
        ConferenceFixture fixture = new ConferenceFixture(server);
        ApiClient api = new ApiClient(server.baseUrl());
        String admin = api.token(RunningServer.ADMIN_CLIENT_ID, RunningServer.ADMIN_CLIENT_SECRET);
        ConferenceFixture.Conference conference = fixture.create(null);
        Gate bobSpeaks = new Gate(AudioSource.tone(BOB_HZ, ConferenceFixture.SEND_DBFS));
        try (TestPhone phone = TestPhone.start()) {
            Call alice = fixture.dial(phone, conference, CallOptions.defaults().from("alice", "Alice"));
            Call bob = fixture.dial(phone, conference, CallOptions.defaults().from("bob", "Bob").sending(() -> bobSpeaks));
            String bobId = participantId(api, admin, conference, "bob");

            Process browser = new ProcessBuilder("node", "dashboard-browser.mjs", server.baseUrl(), admin,
                    String.valueOf(conference.id()), bobId).directory(WORK.toFile()).redirectErrorStream(true).start();
            BlockingQueue<String> lines = lines(browser);
            try {
                assertThat(next(lines)).isEqualTo("READY");
                bobSpeaks.open();
                assertThat(alice.audio().awaitTone(BOB_HZ, ConferenceFixture.HEARD_DBFS, HEAR)).as("Alice hears Bob")
                        .isTrue();
                assertThat(next(lines)).isEqualTo("TALKING");
                assertThat(next(lines)).isEqualTo("MUTED muted");
                assertThat(alice.audio().awaitNoTone(BOB_HZ, ConferenceFixture.NOT_HEARD_DBFS, HEAR))
                        .as("Alice no longer hears Bob").isTrue();
                assertThat(browser.waitFor(20, TimeUnit.SECONDS)).isTrue();
                assertThat(browser.exitValue()).isZero();
            } finally {
                browser.destroyForcibly();
            }
            bob.hangup();
            alice.hangup();
        }
    }

    /** A phone's voice that is silent until opened. */
    private static final class Gate implements AudioSource {
        private final AudioSource voice;
        private volatile boolean open;

        Gate(AudioSource voice) {
            this.voice = voice;
        }

        void open() {
            open = true;
        }

        @Override
        public void fill(short[] frame) {
            if (open) {
                voice.fill(frame);
            } else {
                java.util.Arrays.fill(frame, (short) 0);
            }
        }
    }

    private static String participantId(ApiClient api, String token, ConferenceFixture.Conference conference,
                                        String number) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            ApiClient.Answer live = api.get("/api/ver1.0/client/@me/live/" + conference.id(), token);
            if (live.status() == 200) {
                for (JsonNode p : live.json().get("participants")) {
                    if (number.equals(p.get("number").asText())) {
                        return p.get("id").asText();
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError(number + " never joined");
    }

    private static BlockingQueue<String> lines(Process process) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("READ FAILED " + e);
            }
        }, "dashboard-browser-output");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static String next(BlockingQueue<String> lines) throws InterruptedException {
        String line = lines.poll(40, TimeUnit.SECONDS);
        return line == null ? "(nothing within 40 s)" : line;
    }

    /** playwright-core in target/dashboard-test (npm, as ApiBrowserIT does), and the script beside it. */
    private static void prepareNodeProject() throws IOException, InterruptedException {
        Files.createDirectories(WORK);
        Files.copy(Path.of("src/test/browser/package.json"), WORK.resolve("package.json"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.copy(Path.of("src/test/java/org/confbridge/server/events/dashboard-browser.mjs"),
                WORK.resolve("dashboard-browser.mjs"), StandardCopyOption.REPLACE_EXISTING);
        if (!Files.isDirectory(WORK.resolve("node_modules/playwright-core"))) {
            Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--loglevel=error")
                    .directory(WORK.toFile()).redirectErrorStream(true).start();
            String out = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!npm.waitFor(300, TimeUnit.SECONDS) || npm.exitValue() != 0) {
                throw new AssertionError("npm install failed:\n" + out);
            }
        }
    }
}
