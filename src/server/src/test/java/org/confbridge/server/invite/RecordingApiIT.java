package org.confbridge.server.invite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confbridge.server.invite.InviteTrunk.assertStatus;
import static org.confbridge.server.media.ConferenceFixture.HEARD_DBFS;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.confbridge.interfaces.rest.ApiClient;
import org.confbridge.server.media.ConferenceFixture;
import org.confbridge.testkit.Call;
import org.confbridge.testkit.CallState;
import org.confbridge.testkit.IncomingPolicy;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The recordings API on recordings made by real invited calls: listing with filters and pages, byte
 * ranges of the WAV, deletion with the file, isolation between clients, and a recording directory that
 * cannot be written (the call goes on, the metadata says why).
 */
@ExtendWith(SharedTrunk.class)
class RecordingApiIT {

    private static final String RECORDINGS = "/api/ver1.0/client/@me/recording/";
    private static final double ALICE = 500;
    private static final double GUEST = 1100;
    private static final Duration HEAR = Duration.ofSeconds(8);

    private final InviteTrunk trunk;

    RecordingApiIT(InviteTrunk trunk) {
        this.trunk = trunk;
    }

    @Test
    void listFiltersPagesRangesDeletesAndIsolates() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        ConferenceFixture.Conference conference = trunk.fixture.create("{\"record_enabled\":true}");
        String first = InviteTrunk.newNumber();
        String second = InviteTrunk.newNumber();
        Call alice = trunk.dialIn(conference, "alice", ALICE);
        recordedCall(conference, alice, first);
        recordedCall(conference, alice, second);
        alice.hangup();
        String byConference = RECORDINGS + "?extension_id=" + conference.id();
        JsonNode page = awaitFinished(byConference, 2);

        // Newest first, both complete, filtered to this conference.
        assertThat(page.get("total").asLong()).isEqualTo(2);
        assertThat(page.get("items").findValuesAsText("number")).containsExactly(second, first);
        assertThat(page.get("items").findValuesAsText("status")).containsOnly("completed");
        JsonNode newest = page.get("items").get(0);

        JsonNode onePage = trunk.get(byConference + "&limit=1&offset=1").json();
        assertThat(onePage.get("total").asLong()).isEqualTo(2);
        assertThat(onePage.get("items")).hasSize(1);
        assertThat(onePage.get("items").get(0).get("number").asText()).isEqualTo(first);
        assertThat(trunk.get(byConference + "&from=" + before).json().get("total").asLong()).isEqualTo(2);
        assertThat(trunk.get(byConference + "&from=" + Instant.now().plusSeconds(60)).json().get("items")).isEmpty();
        assertThat(trunk.get(byConference + "&to=" + before).json().get("total").asLong()).isZero();
        assertStatus(trunk.get(byConference + "&from=yesterday"), 400);
        assertStatus(trunk.get(byConference + "&limit=0"), 400);
        assertStatus(trunk.get(byConference + "&offset=-1"), 400);

        // Byte ranges of the WAV.
        String audio = RECORDINGS + newest.get("id").asLong() + "/audio";
        byte[] whole = trunk.get(audio).bytes();
        long size = newest.get("size_bytes").asLong();
        assertThat((long) whole.length).isEqualTo(size);
        ApiClient.Answer head = range(audio, "bytes=0-43");
        assertStatus(head, 206);
        assertThat(head.header("Content-Range")).isEqualTo("bytes 0-43/" + size);
        assertThat(head.header("Content-Type")).isEqualTo("audio/wav");
        assertThat(new String(head.bytes(), 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(head.bytes()).hasSize(44);
        ApiClient.Answer tail = range(audio, "bytes=-100");
        assertStatus(tail, 206);
        assertThat(tail.bytes()).isEqualTo(Arrays.copyOfRange(whole, whole.length - 100, whole.length));
        ApiClient.Answer middle = range(audio, "bytes=1000-1999");
        assertThat(middle.bytes()).isEqualTo(Arrays.copyOfRange(whole, 1000, 2000));
        ApiClient.Answer beyond = range(audio, "bytes=" + size + "-");
        assertStatus(beyond, 416);
        assertThat(beyond.header("Content-Range")).isEqualTo("bytes */" + size);

        // Another client sees nothing of it.
        String other = trunk.otherClientToken();
        assertThat(trunk.api.get(RECORDINGS, other).json().get("total").asLong()).isZero();
        assertStatus(trunk.api.get(RECORDINGS + newest.get("id").asLong(), other), 404);
        assertStatus(trunk.api.get(audio, other), 404);
        assertStatus(trunk.api.delete(RECORDINGS + newest.get("id").asLong(), other), 404);

        // Delete: metadata and file are gone.
        Path file = onlyFileOf(conference, second);
        assertStatus(trunk.delete(RECORDINGS + newest.get("id").asLong()), 204);
        assertStatus(trunk.get(RECORDINGS + newest.get("id").asLong()), 404);
        assertThat(Files.exists(file)).isFalse();
        assertThat(trunk.get(byConference).json().get("total").asLong()).isEqualTo(1);
    }

    @Test
    void unwritableRecordingDirectoryKeepsTheCallAndStoresTheFailure() throws Exception {
        ConferenceFixture.Conference conference = trunk.fixture.create("{\"record_enabled\":true}");
        // A plain file where the conference's recording directory should be: it cannot be created.
        Path blocker = trunk.server.dataDir().resolve("recordings").resolve("conference-" + conference.id());
        Files.createDirectories(blocker.getParent());
        Files.writeString(blocker, "not a directory");
        String number = InviteTrunk.newNumber();
        Call alice = trunk.dialIn(conference, "alice", ALICE);
        Call guest = recordedCallKeptOpen(alice, number);
        // The call goes on: both still hear each other.
        assertThat(alice.audio().awaitTone(GUEST, HEARD_DBFS, HEAR)).isTrue();
        assertThat(guest.audio().awaitTone(ALICE, HEARD_DBFS, HEAR)).isTrue();
        guest.hangup();
        alice.hangup();

        JsonNode recording = awaitFinished(RECORDINGS + "?extension_id=" + conference.id(), 1).get("items").get(0);
        assertThat(recording.get("status").asText()).isEqualTo("failed");
        assertThat(recording.get("error").asText()).contains("recording directory");
        assertStatus(trunk.get(RECORDINGS + recording.get("id").asLong() + "/audio"), 404);
        assertStatus(trunk.delete(RECORDINGS + recording.get("id").asLong()), 204);
        Files.delete(blocker);
    }

    @Test
    void diskFullDuringTheCallKeepsTheCallAndStoresTheFailure() throws Exception {
        ConferenceFixture.Conference conference = trunk.fixture.create("{\"record_enabled\":true}");
        // The conference's recording directory is a 64 KB file system: full after about two seconds of stereo.
        Path small = Files.createTempDirectory("confbridge-small-disk-");
        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", small.toString()) == 0,
                "mounting a small tmpfs needs root; skipped");
        try {
            Path folder = trunk.server.dataDir().resolve("recordings").resolve("conference-" + conference.id());
            Files.createDirectories(folder.getParent());
            Files.createSymbolicLink(folder, small);
            String number = InviteTrunk.newNumber();
            Call alice = trunk.dialIn(conference, "alice", ALICE);
            Call guest = recordedCallKeptOpen(alice, number);
            Thread.sleep(4000); // the disk fills up meanwhile
            // The call goes on after the disk filled: audio still flows both ways.
            int aliceFrames = alice.audio().frameCount();
            int guestFrames = guest.audio().frameCount();
            Thread.sleep(1000);
            assertThat(alice.audio().frameCount() - aliceFrames).as("frames to Alice in a second").isGreaterThan(25);
            assertThat(guest.audio().frameCount() - guestFrames).as("frames to the guest in a second").isGreaterThan(25);
            assertThat(alice.audio().toneLevel(GUEST, Duration.ofMillis(400))).isGreaterThan(HEARD_DBFS);
            assertThat(guest.audio().toneLevel(ALICE, Duration.ofMillis(400))).isGreaterThan(HEARD_DBFS);
            guest.hangup();
            alice.hangup();

            JsonNode recording = awaitFinished(RECORDINGS + "?extension_id=" + conference.id(), 1).get("items").get(0);
            assertThat(recording.get("status").asText()).isEqualTo("failed");
            assertThat(recording.get("error").asText()).contains("disk full");
            assertStatus(trunk.get(RECORDINGS + recording.get("id").asLong() + "/audio"), 404);
            Files.delete(folder);
        } finally {
            run("umount", "-l", small.toString()); // lazy: the server may still hold the failed file open
            Files.deleteIfExists(small);
        }
    }

    private static int run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor();
    }

    /** Alice invites {@code number} with *8; the gateway answers; both talk a moment; the guest hangs up. */
    private void recordedCall(ConferenceFixture.Conference conference, Call alice, String number) throws Exception {
        Call guest = recordedCallKeptOpen(alice, number);
        assertThat(alice.audio().awaitTone(GUEST, HEARD_DBFS, HEAR)).isTrue();
        Thread.sleep(500);
        guest.hangup();
        // The next invite waits until this one's recording has finished.
        awaitFinished(RECORDINGS + "?extension_id=" + conference.id() + "&limit=500", -1);
    }

    private Call recordedCallKeptOpen(Call alice, String number) throws Exception {
        trunk.gateway.onIncoming(IncomingPolicy.answer().sendingTone(GUEST, ConferenceFixture.SEND_DBFS));
        InviteTrunk.keyInvite(alice, number);
        Call guest = trunk.awaitGatewayCall(number);
        guest.expectState(CallState.ANSWERED, InviteTrunk.CALL_TIMEOUT);
        return guest;
    }

    /** The listing once {@code count} recordings (-1: any number) exist and none is still recording. */
    private JsonNode awaitFinished(String path, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode page = null;
        while (System.nanoTime() < deadline) {
            ApiClient.Answer answer = trunk.get(path);
            assertStatus(answer, 200);
            page = answer.json();
            boolean running = page.get("items").findValuesAsText("status").contains("recording");
            if (!running && (count < 0 || page.get("total").asInt() == count)) {
                return page;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("recordings not finished: " + page);
    }

    private ApiClient.Answer range(String path, String range) {
        return trunk.api.send(HttpRequest.newBuilder(trunk.api.uri(path))
                .header("Authorization", "Bearer " + trunk.token).header("Range", range).GET());
    }

    private Path onlyFileOf(ConferenceFixture.Conference conference, String number) throws Exception {
        Path folder = trunk.server.dataDir().resolve("recordings").resolve("conference-" + conference.id());
        try (var files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().contains("-" + number + "-")).findFirst()
                    .orElseThrow(() -> new AssertionError("no WAV of " + number + " in " + folder));
        }
    }
}
