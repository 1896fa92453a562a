package org.confbridge.server.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.confbridge.interfaces.rest.ApiClient;
import org.confbridge.interfaces.rest.ApiClient.Answer;
import org.confbridge.interfaces.rest.WavFiles;
import org.confbridge.server.RunningServer;
import org.confbridge.server.media.ConferenceFixture;
import org.confbridge.testkit.Call;
import org.confbridge.testkit.CallState;
import org.confbridge.testkit.TestPhone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The data directory on a small tmpfs mounted by the test (needs root), filled up under a running
 * server: a write that would not fit and every write once the disk is full are refused with 507
 * (never 500), health says DOWN naming the disk, reads go on;
 * freeing the space brings writes back by themselves; after a restart every write that was answered
 * 201 is there.
 */
class DiskFullIT {

    private static final String EXTENSIONS = "/api/ver1.0/client/@me/extension/";
    private static final String SOUNDS = "/api/ver1.0/client/@me/sound/";
    private static final long MB = 1024 * 1024;

    private Path mount;

    @BeforeEach
    void mountTmpfs() throws Exception {
        Assumptions.assumeTrue(isRoot(), "skipped: mounting a tmpfs for the data directory needs root");
        mount = Files.createTempDirectory("confbridge-tmpfs-");
        // The server unpacks its EAR (about 45 MB) under the data directory too: room for it plus the test's writes.
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=96m", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        Assumptions.assumeTrue(p.waitFor() == 0, "skipped: cannot mount a tmpfs here: " + output);
    }

    @AfterEach
    void unmount() throws Exception {
        if (mount != null) {
            new ProcessBuilder("umount", "-l", mount.toString()).inheritIO().start().waitFor();
            Files.deleteIfExists(mount);
        }
    }

    @Test
    void aFullDiskRefusesWritesWith507LosesNoAcknowledgedWriteAndRecoversByItself() throws Exception {
        Path data = mount.resolve("data");
        Map<String, String> env = Map.of("CONF_DATA_DIR", data.toString(), "CONF_DISK_MIN_FREE_MB", "2",
                "CONF_DISK_RESERVE_MB", "4");
        List<String> acknowledgedExtensions = new ArrayList<>();
        List<Long> acknowledgedSounds = new ArrayList<>();
        Path filler = mount.resolve("filler");
        try (RunningServer server = RunningServer.start(env); TestPhone phone = TestPhone.start()) {
            ApiClient api = new ApiClient(server.baseUrl());
            ConferenceFixture conferences = new ConferenceFixture(server);
            ConferenceFixture.Conference conference = conferences.create(null);
            Call listener = conferences.dial(phone, conference, 500);
            Call talker = conferences.dial(phone, conference, 700);
            assertThat(listener.audio().awaitTone(700, ConferenceFixture.HEARD_DBFS, Duration.ofSeconds(8))).isTrue();
            String token = api.token(RunningServer.ADMIN_CLIENT_ID, RunningServer.ADMIN_CLIENT_SECRET);
            for (int i = 0; i < 3; i++) {
                createExtension(api, token, acknowledgedExtensions);
            }
            Answer sound = api.upload(SOUNDS, token, "before", "before.wav", WavFiles.sine(440, 8000, 16, 1, 1));
            assertThat(sound.status()).isEqualTo(201);
            acknowledgedSounds.add(sound.json().get("id").asLong());

            // Leave 2.5 MB: above the 2 MB floor, too little for a 3 MB upload (which, written, would fail
            // half-way in H2 and close the database), enough for small writes.
            fill(filler, usable(mount) - (5 * MB / 2));
            createExtension(api, token, acknowledgedExtensions); // acknowledged just before the failure
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Answer big = api.upload(SOUNDS, token, "big " + i, "big.wav", WavFiles.sine(440, 48000, 16, 1, 31));
                statuses.add(big.status());
                assertThat(big.status()).as(big.toString()).isEqualTo(507);
                assertThat(big.json().get("error").asText()).isEqualTo("insufficient_storage");
                assertThat(big.header("Retry-After")).isNotNull();
                createExtension(api, token, acknowledgedExtensions); // small writes still fit: accepted
                statuses.add(201);
            }

            fill(filler, usable(mount)); // to the last byte: the server releases its 4 MB disk reserve
            Answer health = awaitHealth(api, "DOWN");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json().get("problems").toString()).contains("disk");
            assertThat(health.json().at("/disk/status").asText()).isEqualTo("DOWN");
            Answer refused = api.post(EXTENSIONS, token, extensionJson(randomNumber()));
            assertThat(refused.status()).as(refused.toString()).isEqualTo(507);
            assertThat(refused.json().get("error").asText()).isEqualTo("insufficient_storage");
            Answer renamed = api.put(SOUNDS + acknowledgedSounds.get(0), token, "{\"title\":\"full\"}");
            assertThat(renamed.status()).as(renamed.toString()).isEqualTo(507);
            assertThat(api.get(EXTENSIONS, token).status()).as("reads go on").isEqualTo(200);
            assertThat(listener.audio().awaitTone(700, ConferenceFixture.HEARD_DBFS, Duration.ofSeconds(8)))
                    .as("the call that was up goes on while the disk is full").isTrue();
            Call newcomer = conferences.dial(phone, conference, 900);
            assertThat(talker.audio().awaitTone(900, ConferenceFixture.HEARD_DBFS, Duration.ofSeconds(8)))
                    .as("a new caller joins while the disk is full").isTrue();
            newcomer.hangup();

            Files.delete(filler);
            long freed = System.nanoTime();
            Answer again = null;
            while (System.nanoTime() - freed < Duration.ofSeconds(20).toNanos()) {
                again = api.post(EXTENSIONS, token, extensionJson(randomNumber()));
                if (again.status() == 201) {
                    acknowledgedExtensions.add(again.json().get("name").asText());
                    break;
                }
                assertThat(again.status()).as(again.toString()).isIn(503, 507);
                Thread.sleep(250); // polling interval while waiting for recovery, not a synchronisation
            }
            long recoveryMillis = (System.nanoTime() - freed) / 1_000_000;
            assertThat(again.status()).as("writes accepted %d ms after space returned: %s", recoveryMillis, again)
                    .isEqualTo(201);
            System.out.println("disk full: statuses while full " + statuses + "; writes accepted again "
                    + recoveryMillis + " ms after space returned");
            assertThat(api.get("/api/ver1.0/health", null).status()).isEqualTo(200);
            Answer upload = api.upload(SOUNDS, token, "after", "after.wav", WavFiles.sine(440, 8000, 16, 1, 1));
            assertThat(upload.status()).isEqualTo(201);
            acknowledgedSounds.add(upload.json().get("id").asLong());
            assertThat(listener.state()).isEqualTo(CallState.ANSWERED);
            talker.hangup();
            listener.hangup();
        }

        try (RunningServer restarted = RunningServer.start(env)) {
            ApiClient api = new ApiClient(restarted.baseUrl());
            String token = api.token(RunningServer.ADMIN_CLIENT_ID, RunningServer.ADMIN_CLIENT_SECRET);
            List<String> names = api.get(EXTENSIONS, token).json().findValuesAsText("name");
            assertThat(names).as("every extension answered 201 survives the restart").containsAll(acknowledgedExtensions);
            for (long id : acknowledgedSounds) {
                assertThat(api.get(SOUNDS + id, token).status()).as("sound %d answered 201", id).isEqualTo(200);
                assertThat(api.get(SOUNDS + id + "/download?converted=true", token).status()).isEqualTo(200);
            }
            createExtension(api, token, new ArrayList<>());
        }
    }

    /** Polls the health check (it reads the disk's free space) until it reports {@code status}. */
    private static Answer awaitHealth(ApiClient api, String status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Answer health;
        do {
            health = api.get("/api/ver1.0/health", null);
            if (status.equals(health.json().get("status").asText())) {
                return health;
            }
            Thread.sleep(100); // polling interval, not a synchronisation
        } while (System.nanoTime() < deadline);
        throw new AssertionError("health never said " + status + ": " + health);
    }

    private static void createExtension(ApiClient api, String token, List<String> acknowledged) {
        String number = randomNumber();
        Answer created = api.post(EXTENSIONS, token, extensionJson(number));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        acknowledged.add(number);
    }

    /** Appends up to {@code bytes} to the file, stopping quietly when the disk is full. */
    private static void fill(Path file, long bytes) throws IOException {
        byte[] block = new byte[64 * 1024];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(file, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND)) {
            while (written < bytes) {
                int n = (int) Math.min(block.length, bytes - written);
                out.write(block, 0, n);
                written += n;
            }
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("No space left")) {
                throw e;
            }
        }
    }

    private static long usable(Path dir) throws IOException {
        FileStore store = Files.getFileStore(dir);
        return store.getUsableSpace();
    }

    private static String extensionJson(String number) {
        return "{\"name\":\"" + number + "\",\"type\":\"conference\",\"label\":\"disk\"}";
    }

    private static String randomNumber() {
        return String.valueOf(ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L));
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
