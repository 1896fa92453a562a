package org.confbridge.server.invite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confbridge.server.media.ConferenceFixture.HEARD_DBFS;
import static org.confbridge.server.media.ConferenceFixture.SEND_DBFS;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.confbridge.server.media.ConferenceFixture;
import org.confbridge.testkit.Call;
import org.confbridge.testkit.CallState;
import org.confbridge.testkit.IncomingPolicy;
import org.confbridge.testkit.audio.AudioClip;
import org.confbridge.testkit.audio.WavFiles;
import org.confbridge.testkit.rtp.AudioSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 for invitations: with {@code CONF_MEDIA_CODECS=G722,...} the server offers G.722 first, a wideband
 * phone behind the trunk answers in it, the room goes wideband, and the recording of the invited participant
 * ({@code record_enabled}) is a 16 kHz WAV that keeps what only wideband carries (its 6 kHz).
 */
class WidebandInviteIT {

    private static final String RECORDINGS = "/api/ver1.0/client/@me/recording/";
    private static final double ALICE = 500;
    private static final double GUEST = 1100;
    private static final double WIDE = 6000;
    private static final Duration HEAR = Duration.ofSeconds(8);

    @Test
    void aWidebandInviteeIsOfferedG722FirstAndRecordedAt16kHz() throws Exception {
        try (InviteTrunk trunk = InviteTrunk.start(Map.of("CONF_MEDIA_CODECS", "G722,PCMU,PCMA,opus"))) {
            ConferenceFixture.Conference conference = trunk.fixture.create("{\"record_enabled\":true}");
            Call alice = trunk.dialIn(conference, "alice", ALICE);
            String number = InviteTrunk.newNumber();
            trunk.gateway.onIncoming(IncomingPolicy.answer().codecs(org.confbridge.testkit.Codec.PCMU, org.confbridge.testkit.Codec.G722)
                    .sending(() -> AudioSource.tones(SEND_DBFS, GUEST, WIDE)));
            InviteTrunk.keyInvite(alice, number);
            Call guest = trunk.awaitGatewayCall(number);
            guest.expectState(CallState.ANSWERED, InviteTrunk.CALL_TIMEOUT);
            String offer = guest.invite().body();
            assertThat(offer).as("our offer lists G.722 first").containsPattern("m=audio \\d+ RTP/AVP 9 0 8 111 ");
            assertThat(guest.codec()).as("the phone answers with the offer's first format it has").isEqualTo(
                    org.confbridge.testkit.Codec.G722);
            assertThat(alice.audio().awaitTone(GUEST, HEARD_DBFS, HEAR)).as("alice (G.711) hears the guest").isTrue();
            assertThat(guest.audio().awaitTone(ALICE, HEARD_DBFS, HEAR)).as("the guest (G.722) hears alice").isTrue();
            Thread.sleep(1500);
            guest.hangup();
            alice.hangup();

            JsonNode recording = awaitFinished(trunk, RECORDINGS + "?extension_id=" + conference.id());
            assertThat(recording.get("status").asText()).isEqualTo("completed");
            byte[] wav = trunk.get(RECORDINGS + recording.get("id").asLong() + "/audio").bytes();
            Path file = Files.createTempFile("wideband-recording", ".wav");
            try {
                Files.write(file, wav);
                List<AudioClip> channels = WavFiles.readChannels(file);
                assertThat(channels).as("stereo: the guest left, what the guest heard right").hasSize(2);
                AudioClip said = channels.get(0);
                assertThat(said.sampleRate()).as("a wideband call is recorded at 16 kHz").isEqualTo(16000);
                AudioClip middle = new AudioClip(java.util.Arrays.copyOfRange(said.samples(), said.length() / 4,
                        said.length() * 3 / 4), said.sampleRate());
                assertThat(middle.toneLevelDbfs(WIDE)).as("the guest's 6 kHz is in the recording").isGreaterThan(HEARD_DBFS);
                assertThat(middle.toneLevelDbfs(GUEST)).isGreaterThan(HEARD_DBFS);
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }

    private static JsonNode awaitFinished(InviteTrunk trunk, String path) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode page = null;
        while (System.nanoTime() < deadline) {
            page = trunk.get(path).json();
            if (page.get("total").asInt() == 1
                    && !page.get("items").findValuesAsText("status").contains("recording")) {
                return page.get("items").get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("recording not finished: " + page);
    }
}
