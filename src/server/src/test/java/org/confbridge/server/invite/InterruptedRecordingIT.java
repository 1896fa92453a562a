package org.confbridge.server.invite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confbridge.server.invite.InviteTrunk.assertStatus;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.confbridge.interfaces.rest.ApiClient;
import org.confbridge.server.RunningServer;
import org.confbridge.server.media.ConferenceFixture;
import org.confbridge.testkit.Call;
import org.confbridge.testkit.CallState;
import org.confbridge.testkit.IncomingPolicy;
import org.junit.jupiter.api.Test;

/**
 * A server killed during a recorded invite call: after the restart on the same data directory the
 * recording is reported failed (not "recording" forever) and can be deleted.
 */
class InterruptedRecordingIT {

    private static final String RECORDINGS = "/api/ver1.0/client/@me/recording/";

    @Test
    void recordingCutByACrashIsFailedAfterTheRestart() throws Exception {
        Path dataDir = Files.createTempDirectory("confbridge-crash-").resolve("data");
        String number = InviteTrunk.newNumber();
        long recordingId;
        try (InviteTrunk trunk = InviteTrunk.start(Map.of("CONF_DATA_DIR", dataDir.toString()))) {
            ConferenceFixture.Conference conference = trunk.fixture.create("{\"record_enabled\":true}");
            trunk.gateway.onIncoming(IncomingPolicy.answer().sendingTone(1100, ConferenceFixture.SEND_DBFS));
            Call alice = trunk.dialIn(conference, "alice", 500);
            InviteTrunk.keyInvite(alice, number);
            trunk.awaitGatewayCall(number).expectState(CallState.ANSWERED, InviteTrunk.CALL_TIMEOUT);
            JsonNode running = awaitOne(trunk.api, trunk.token);
            assertThat(running.get("status").asText()).isEqualTo("recording");
            recordingId = running.get("id").asLong();

            Thread.sleep(2000); // a call recorded for a while (and the database's delayed write done)
            serverProcessOf(dataDir).destroyForcibly(); // SIGKILL: no graceful end of the recording
        }
        List<Path> partial;
        try (var files = Files.walk(dataDir.resolve("recordings"))) {
            partial = files.filter(f -> f.getFileName().toString().endsWith(".part")).toList();
        }
        assertThat(partial).as("the killed recorder left its partial file").isNotEmpty();
        try (RunningServer restarted = RunningServer.start(Map.of("CONF_DATA_DIR", dataDir.toString()))) {
            ApiClient api = new ApiClient(restarted.baseUrl());
            String token = api.token(RunningServer.ADMIN_CLIENT_ID, RunningServer.ADMIN_CLIENT_SECRET);
            ApiClient.Answer answer = api.get(RECORDINGS + recordingId, token);
            assertStatus(answer, 200);
            JsonNode recording = answer.json();
            assertThat(recording.get("number").asText()).isEqualTo(number);
            assertThat(recording.get("status").asText()).isEqualTo("failed");
            assertThat(recording.get("error").asText()).contains("server stopped");
            assertStatus(api.delete(RECORDINGS + recordingId, token), 204);
        }
        assertThat(partial).as("partial files removed at the restart").allSatisfy(f -> assertThat(f).doesNotExist());
    }

    private static JsonNode awaitOne(ApiClient api, String token) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode items = api.get(RECORDINGS, token).json().get("items");
            if (items.size() == 1) {
                return items.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no recording listed");
    }

    /** The server child process started with {@code CONF_DATA_DIR=dataDir} (Linux: read from /proc). */
    private static ProcessHandle serverProcessOf(Path dataDir) {
        String marker = "CONF_DATA_DIR=" + dataDir;
        return ProcessHandle.current().children().filter(p -> {
            try {
                byte[] environ = Files.readAllBytes(Path.of("/proc", String.valueOf(p.pid()), "environ"));
                return new String(environ, StandardCharsets.UTF_8).contains(marker + "\0");
            } catch (java.io.IOException e) {
                return false;
            }
        }).findFirst().orElseThrow(() -> new AssertionError("no server process with " + marker));
    }
}
